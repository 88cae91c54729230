using Milvus.Local.Errors;
using Milvus.Protocol.Common;
using Milvus.Protocol.Schema;

namespace Milvus.Local.Catalog;

/// <summary>
/// knowhere's build-parameter checks of the product-quantization indexes (IvfPqConfig, ScannConfig), in its words:
/// IVF_PQ needs <c>m</c> dividing the dimension; SCANN's <c>sub_dim</c> (default 2) must divide it and
/// <c>with_raw_data</c> must be a boolean. Ranges are checked by <see cref="IndexRules"/>.
/// </summary>
internal static class PqIndexRules
{
    public static void Validate(FieldSchema field, string indexType, List<KeyValuePair> parameters)
    {
        string? Get(string key) => parameters.FirstOrDefault(p => p.Key == key)?.Value;
        var dim = SchemaValidator.IntParam(field, "dim") ?? 0;
        if (indexType == "IVF_PQ")
        {
            var m = Get("m") is { } text ? int.Parse(text, System.Globalization.CultureInfo.InvariantCulture)
                : throw MilvusError.InvalidParameter("param 'm' not exist in json");
            if (dim % m != 0)
                throw MilvusError.InvalidParameter($"The dimension of a vector (dim) should be a multiple of the number of subquantizers (m). Dimension: {dim}, m: {m}");
        }
        if (indexType == "SCANN")
        {
            var subDim = Get("sub_dim") is { } text ? int.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : Indexes.IvfPqIndex.DefaultScannSubDim;
            if (dim % subDim != 0)
                throw MilvusError.InvalidParameter($"The dimension of a vector (dim) should be a multiple of sub_dim. Dimension:{dim}, sub_dim:{subDim}");
            if (Get("with_raw_data") is { } raw && !bool.TryParse(raw, out _))
                throw MilvusError.InvalidParameter($"Type conflict in json: param 'with_raw_data' ({raw}) should be a boolean");
        }
    }
}
