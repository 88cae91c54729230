using System.Text.Json;
using Milvus.Local.Errors;
using Milvus.Protocol.Common;
using Milvus.Protocol.Schema;

namespace Milvus.Local.Catalog;

/// <summary>
/// Which index types and metrics Milvus accepts per field type, with the build-parameter ranges of
/// internal/util/indexparamcheck. Which vector index types a vector type takes follows knowhere's legal_knowhere_index
/// table (include/knowhere/index/index_table.h), which Milvus's CheckVecIndexWithDataType consults: INT8 vectors take
/// the HNSW family only (FLAT and the IVF types are commented out there), binary vectors BIN_FLAT, BIN_IVF_FLAT and
/// HNSW (HAMMING or JACCARD, since Milvus 2.6).
/// </summary>
internal static class IndexRules
{
    public const string AutoIndex = "AUTOINDEX";

    private static readonly string[] FloatIndexes = ["FLAT", "IVF_FLAT", "IVF_SQ8", "IVF_PQ", "IVF_RABITQ", "HNSW", "HNSW_SQ", "HNSW_PQ", "HNSW_PRQ", "SCANN", "DISKANN", AutoIndex];
    private static readonly string[] Int8Indexes = ["HNSW", "HNSW_SQ", "HNSW_PQ", "HNSW_PRQ", AutoIndex];
    private static readonly string[] BinaryIndexes = ["BIN_FLAT", "BIN_IVF_FLAT", "HNSW", AutoIndex];
    private static readonly string[] SparseIndexes = ["SPARSE_INVERTED_INDEX", "SPARSE_WAND", AutoIndex];
    private static readonly string[] ScalarIndexes = ["INVERTED", "STL_SORT", "Trie", "TRIE", "BITMAP", "HYBRID", "NGRAM", "RTREE", AutoIndex];
    private static readonly HashSet<string> KnownIndexes = [.. FloatIndexes, .. Int8Indexes, .. BinaryIndexes, .. SparseIndexes, .. ScalarIndexes];
    private static readonly string[] FloatMetrics = ["L2", "IP", "COSINE"];
    private static readonly string[] BinaryMetrics = ["HAMMING", "JACCARD"];
    private static readonly string[] BinFlatMetrics = ["HAMMING", "JACCARD", "SUBSTRUCTURE", "SUPERSTRUCTURE"];
    // Embedding lists (vector sub-fields of a struct array): HNSW over the whole list with a MAX_SIM metric, or
    // (3.0) over each element alone with a plain metric, for element-level search.
    private static readonly string[] EmbeddingListIndexes = ["HNSW", AutoIndex];
    private static readonly string[] EmbeddingListMetrics = ["MAX_SIM", "MAX_SIM_COSINE", "MAX_SIM_IP", "MAX_SIM_L2", "L2", "IP", "COSINE"];
    private static readonly string[] BinaryEmbeddingListMetrics = ["MAX_SIM_HAMMING", "MAX_SIM_JACCARD", "HAMMING", "JACCARD"];

    /// <summary>Flattens the request's extra_params (top-level keys plus the JSON "params" object) into one list.</summary>
    public static List<KeyValuePair> Normalize(IEnumerable<KeyValuePair> extraParams)
    {
        var result = new List<KeyValuePair>();
        void Set(string key, string value)
        {
            result.RemoveAll(p => p.Key == key);
            result.Add(new KeyValuePair { Key = key, Value = value });
        }
        foreach (var p in extraParams)
        {
            if (p.Key == "params" && p.Value.TrimStart().StartsWith('{'))
            {
                using var json = JsonDocument.Parse(p.Value);
                foreach (var prop in json.RootElement.EnumerateObject())
                    Set(prop.Name, prop.Value.ValueKind == JsonValueKind.String ? prop.Value.GetString()! : prop.Value.GetRawText());
            }
            else Set(p.Key, p.Value);
        }
        return result;
    }

    /// <summary>Validates and completes (defaults for index type and metric) the params of an index on <paramref name="field"/>.</summary>
    public static List<KeyValuePair> Validate(FieldSchema field, List<KeyValuePair> parameters)
    {
        string? Get(string key) => parameters.FirstOrDefault(p => p.Key == key)?.Value;
        void Set(string key, string value)
        {
            parameters.RemoveAll(p => p.Key == key);
            parameters.Add(new KeyValuePair { Key = key, Value = value });
        }
        var indexType = Get("index_type") is { Length: > 0 } t ? t : AutoIndex;
        Set("index_type", indexType);
        if (!VectorTypes.IsVector(field.DataType) && field.DataType != DataType.ArrayOfVector)
        {
            if (indexType.StartsWith("GPU", StringComparison.OrdinalIgnoreCase) || indexType == "DISKANN")
                throw MilvusError.IndexNotSupported(indexType);
            if (!ScalarIndexes.Contains(indexType)) throw MilvusError.InvalidParameter($"invalid index type: {indexType}");
            if ((indexType == "RTREE") != (field.DataType == DataType.Geometry) && indexType != AutoIndex)
                throw MilvusError.InvalidParameter(indexType == "RTREE"
                    ? $"RTREE index can only be built on geometry field, got {MilvusTypeNames.Of(field.DataType)}"
                    : $"{indexType} are not supported on Geometry field");
            if (field.DataType is DataType.Json && indexType != "INVERTED" && indexType != AutoIndex && indexType != "NGRAM")
                throw MilvusError.InvalidParameter($"{indexType} are not supported on JSON field");
            if (indexType == "BITMAP" && field.IsPrimaryKey) throw MilvusError.InvalidParameter("create bitmap index on primary key not supported");
            if (indexType == "BITMAP" && field.DataType is DataType.Float or DataType.Double or DataType.Json)
                throw MilvusError.InvalidParameter("bitmap index are only supported on bool, int, string and array field");
            if (indexType == "STL_SORT" && field.DataType is DataType.Bool or DataType.Json or DataType.Array)
                throw MilvusError.InvalidParameter("STL_SORT are only supported on numeric or varchar field");
            if (indexType is "Trie" or "TRIE" && field.DataType != DataType.VarChar)
                throw MilvusError.InvalidParameter("TRIE are only supported on varchar field");
            return parameters;
        }
        if (indexType.StartsWith("GPU", StringComparison.OrdinalIgnoreCase))
            throw MilvusError.IndexNotSupported(indexType);
        var (indexes, metrics, defaultMetric) = field.DataType switch
        {
            DataType.ArrayOfVector when field.ElementType == DataType.BinaryVector => (EmbeddingListIndexes, BinaryEmbeddingListMetrics, "MAX_SIM_HAMMING"),
            DataType.ArrayOfVector => (EmbeddingListIndexes, EmbeddingListMetrics, "MAX_SIM_COSINE"),
            DataType.BinaryVector => (BinaryIndexes, indexType == "BIN_FLAT" ? BinFlatMetrics : BinaryMetrics, "HAMMING"),
            DataType.SparseFloatVector => (SparseIndexes, new[] { "IP", "BM25" }, field.IsFunctionOutput ? "BM25" : "IP"),
            DataType.Int8Vector => (Int8Indexes, FloatMetrics, "COSINE"),
            _ => (FloatIndexes, FloatMetrics, "COSINE"),
        };
        // Milvus first looks the type up among all its index checkers (HYBRID is internal), then matches it to the field.
        if (indexType == "HYBRID" || !KnownIndexes.Contains(indexType)) throw MilvusError.InvalidIndexType(indexType);
        if (!indexes.Contains(indexType))
            throw MilvusError.InvalidParameter($"data type {MilvusTypeNames.Of(field.DataType)} can't build with this index {indexType}");
        var metric = (Get("metric_type") is { Length: > 0 } m ? m : defaultMetric).ToUpperInvariant();
        if (field.IsFunctionOutput && metric != "BM25") throw MilvusError.Plain("index metric type of BM25 function output field must be BM25");
        if (field.DataType == DataType.SparseFloatVector && metric == "BM25" && !field.IsFunctionOutput)
            throw MilvusError.InvalidParameter("BM25 metric type can only be used on the output field of a BM25 function");
        if (field.DataType == DataType.SparseFloatVector && metric is not ("IP" or "BM25"))
            throw MilvusError.InvalidParameter("only IP is the supported metric type for sparse index");
        if (!metrics.Contains(metric))
            throw MilvusError.InvalidParameter($"metric type {metric} not found or not supported, supported: [{string.Join(" ", metrics)}]");
        Set("metric_type", metric);
        CheckRange(parameters, indexType is "HNSW" or "HNSW_SQ" or "HNSW_PQ" or "HNSW_PRQ", "M", 2, 2048);
        CheckRange(parameters, indexType is "HNSW" or "HNSW_SQ" or "HNSW_PQ" or "HNSW_PRQ", "efConstruction", 1, int.MaxValue);
        if (indexType is "HNSW" or "HNSW_SQ" or "HNSW_PQ" or "HNSW_PRQ") CheckHnswRefine(indexType, parameters);
        CheckRange(parameters, indexType.Contains("IVF") || indexType == "SCANN", "nlist", 1, 65536);
        CheckRange(parameters, indexType is "IVF_PQ" or "HNSW_PQ" or "HNSW_PRQ", "nbits", 1, 16);
        CheckRange(parameters, indexType is "IVF_PQ" or "HNSW_PQ" or "HNSW_PRQ", "m", 1, 65536);
        CheckRange(parameters, indexType == "HNSW_PRQ", "nrq", 1, 16);
        CheckRange(parameters, indexType == "SCANN", "sub_dim", 1, 65536);
        PqIndexRules.Validate(field, indexType, parameters);
        if (field.DataType == DataType.SparseFloatVector && parameters.FirstOrDefault(p => p.Key == "drop_ratio_build")?.Value is { } ratio
            && (!double.TryParse(ratio, System.Globalization.CultureInfo.InvariantCulture, out var r) || r < 0 || r >= 1))
            throw MilvusError.InvalidParameter($"param 'drop_ratio_build' ({ratio}) should be in range [0.000000, 1.000000)");
        if (field.DataType == DataType.SparseFloatVector) SparseIndexRules.Validate(parameters);
        if (indexType == "IVF_RABITQ") RaBitQRules.Validate(parameters);
        if (indexType == "DISKANN") DiskAnnRules.Complete(parameters);
        return parameters;
    }

    /// <summary>
    /// knowhere's FaissHnswConfig train checks: refine must be a boolean; HNSW takes no refine; HNSW_SQ's sq_type and the
    /// quantized types' refine_type must be known types (case-insensitive).
    /// </summary>
    private static void CheckHnswRefine(string indexType, List<KeyValuePair> parameters)
    {
        string? Get(string key) => parameters.FirstOrDefault(p => p.Key == key)?.Value;
        var refine = Get("refine");
        if (refine is not null && !bool.TryParse(refine, out _))
            throw MilvusError.InvalidParameter($"Type conflict in json: param 'refine' (\"{refine}\") should be a boolean");
        if (indexType == "HNSW")
        {
            if (string.Equals(refine, "true", StringComparison.OrdinalIgnoreCase) || Get("refine_type") is not null)
                throw MilvusError.InvalidParameter("refine is not supported for this index");
            return;
        }
        if (indexType == Indexes.HnswSq.IndexType && Get("sq_type") is { } sqType && !Indexes.HnswSq.SqTypes.Contains(sqType.ToLowerInvariant()))
            throw MilvusError.InvalidParameter("invalid scalar quantizer type");
        if (Get("refine_type") is { } refineType && !Indexes.Refiners.Types.Contains(refineType.ToLowerInvariant()))
            throw MilvusError.InvalidParameter($"invalid refine type : {refineType}, optional types are [{string.Join(", ", Indexes.Refiners.Types)}]");
    }

    internal static void CheckRange(List<KeyValuePair> parameters, bool applies, string key, long min, long max)
    {
        if (!applies) return;
        var text = parameters.FirstOrDefault(p => p.Key == key)?.Value;
        if (text is null) return;
        if (!long.TryParse(text, out var value)) throw MilvusError.InvalidParameter($"param '{key}' ({text}) should be integer");
        if (value < min || value > max) throw MilvusError.InvalidParameter($"param '{key}' ({value}) should be in range [{min}, {max}]");
    }
}
