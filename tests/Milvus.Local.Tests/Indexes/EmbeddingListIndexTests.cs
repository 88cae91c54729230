using System.Runtime.InteropServices;
using Google.Protobuf;
using Milvus.Benchmarks.Data;
using Milvus.Protocol.Api;
using Milvus.Protocol.Common;
using Milvus.Protocol.Schema;
using Milvus.Local.Tests.Engine;
using static Milvus.Local.Tests.Engine.LocalEngineHarness;

namespace Milvus.Local.Tests.Indexes;

/// <summary>
/// HNSW with a MAX_SIM metric on an embedding-list field (a struct array's vector sub-field), built on the sealed
/// segment as knowhere's emb-list index searches it: each query vector fetches its k x retrieval_ann_ratio nearest
/// elements from one graph over every element, and the rows they belong to are ranked by their exact MAX_SIM score.
/// A ratio wide enough gives exactly the exact search; a ratio of one element per query vector leaves fewer candidate
/// rows than k (so the graph, not a scan, answers); filters and deletes hold; a reopen serves the stored graph. With a
/// plain metric the same graph answers Milvus 3.0's element-level search, element_filter offsets included.
/// </summary>
public abstract class EmbeddingListIndexTests(EngineTransport transport) : IDisposable
{
    private const int Rows = 1500;
    private const int Dim = 8;
    private readonly LocalEngineHarness _h = new(transport);

    // Each row holds 1 to 4 element vectors, drawn from 40 clusters (fixed seeds); queries are lists of 2 or 3 vectors.
    private static readonly float[][] Elements = ClusteredVectors.Generate(Rows * 4, Dim, 40, seed: 31);
    private static readonly float[][][] Lists = Enumerable.Range(0, Rows).Select(r => Elements.Skip(r * 4).Take(1 + r % 4).ToArray()).ToArray();
    private static readonly float[][] QueryVectors = ClusteredVectors.Generate(60, Dim, 40, seed: 32);
    private static readonly float[][][] Queries = Enumerable.Range(0, 20).Select(q => QueryVectors.Skip(q * 3).Take(2 + q % 2).ToArray()).ToArray();

    // The same shapes with 64-bit binary elements: each a copy of one of 20 centres with every bit flipped at 0.15.
    private const int Bits = 64;
    private static readonly byte[][][] BinaryLists = Enumerable.Range(0, Rows).Select(r => BinaryVectors(1 + r % 4, seed: 1000 + r)).ToArray();
    private static readonly byte[][][] BinaryQueries = Enumerable.Range(0, 20).Select(q => BinaryVectors(2 + q % 2, seed: q)).ToArray();

    private static byte[][] BinaryVectors(int count, int seed) => ClusteredBits.Generate(count, Bits, centres: 20, flip: 0.15, centreSeed: 5, seed);

    public void Dispose() => _h.Dispose();

    private static KeyValuePair Param(string key, string value) => new() { Key = key, Value = value };

    private void CreateIndexed(string metric, DataType elementType = DataType.FloatVector)
    {
        var binary = elementType == DataType.BinaryVector;
        var dim = binary ? Bits : Dim;
        _h.Engine.Core.Indexes.BuildThreads = 1; // the same graph every run
        var clips = new StructArrayFieldSchema
        {
            Name = "clips",
            Fields =
            {
                new FieldSchema { Name = "score", DataType = DataType.Array, ElementType = DataType.Int32, TypeParams = { Param("max_capacity", "4") } },
                new FieldSchema { Name = "emb", DataType = DataType.ArrayOfVector, ElementType = elementType, TypeParams = { Param("dim", $"{dim}"), Param("max_capacity", "4") } },
            },
        };
        var schema = new CollectionSchema { Name = "docs", Fields = { Int64Pk(), Vector("vec", DataType.FloatVector, 2) }, StructArrayFields = { clips } };
        Ok(_h.Client.CreateCollection(new CreateCollectionRequest { CollectionName = "docs", Schema = schema.ToByteString() }));
        var score = new FieldData { FieldName = "score", Type = DataType.Array, Scalars = new ScalarField { ArrayData = new ArrayArray { ElementType = DataType.Int32 } } };
        var emb = new FieldData { FieldName = "emb", Type = DataType.ArrayOfVector, Vectors = new VectorField { Dim = dim, VectorArray = new VectorArray { Dim = dim, ElementType = elementType } } };
        for (var r = 0; r < Rows; r++)
        {
            score.Scalars.ArrayData.Data.Add(new ScalarField { IntData = new IntArray { Data = { Enumerable.Range(0, Lists[r].Length) } } });
            emb.Vectors.VectorArray.Data.Add(binary
                ? new VectorField { Dim = dim, BinaryVector = ByteString.CopyFrom(BinaryLists[r].SelectMany(v => v).ToArray()) }
                : new VectorField { Dim = dim, FloatVector = new FloatArray { Data = { Lists[r].SelectMany(v => v) } } });
        }
        var ids = Enumerable.Range(0, Rows).Select(i => (long)i).ToArray();
        Ok(_h.Client.Insert(new InsertRequest
        {
            CollectionName = "docs", NumRows = Rows,
            FieldsData =
            {
                Longs("id", ids), FloatVectors("vec", 2, ids.Select(i => new float[] { i, 1 }).ToArray()),
                new FieldData { FieldName = "clips", Type = DataType.ArrayOfStruct, StructArrays = new StructArrayField { Fields = { score, emb } } },
            },
        }).Status);
        Ok(_h.Client.Flush(new FlushRequest { CollectionNames = { "docs" } }).Status);
        Ok(_h.Client.CreateIndex(new CreateIndexRequest { CollectionName = "docs", FieldName = "vec", ExtraParams = { Param("index_type", "FLAT"), Param("metric_type", "L2") } }));
        Ok(_h.Client.CreateIndex(new CreateIndexRequest
        {
            CollectionName = "docs", FieldName = "clips[emb]",
            ExtraParams = { Param("index_type", "HNSW"), Param("metric_type", metric), Param("params", "{\"M\": 16, \"efConstruction\": 100}") },
        }));
        Ok(_h.Client.LoadCollection(new LoadCollectionRequest { CollectionName = "docs" }));
        var description = _h.Client.DescribeIndex(new DescribeIndexRequest { CollectionName = "docs", FieldName = "clips[emb]" }).IndexDescriptions.Single();
        for (var waited = 0; description.State != IndexState.Finished && waited < 1200; waited++)
        {
            Thread.Sleep(100);
            description = _h.Client.DescribeIndex(new DescribeIndexRequest { CollectionName = "docs", FieldName = "clips[emb]" }).IndexDescriptions.Single();
        }
        Assert.Equal(IndexState.Finished, description.State);
        Assert.Equal(Rows, description.IndexedRows);
    }

    private static ByteString Placeholder(float[][][] lists)
    {
        var value = new PlaceholderValue { Tag = "$0", Type = PlaceholderType.EmbListFloatVector };
        foreach (var list in lists) value.Values.Add(ByteString.CopyFrom(MemoryMarshal.AsBytes(list.SelectMany(v => v).ToArray().AsSpan()).ToArray()));
        return new PlaceholderGroup { Placeholders = { value } }.ToByteString();
    }

    private static ByteString Placeholder(byte[][][] lists)
    {
        var value = new PlaceholderValue { Tag = "$0", Type = PlaceholderType.EmbListBinaryVector };
        foreach (var list in lists) value.Values.Add(ByteString.CopyFrom(list.SelectMany(v => v).ToArray()));
        return new PlaceholderGroup { Placeholders = { value } }.ToByteString();
    }

    private List<long[]> Search(string parameters, string filter = "", ByteString? placeholder = null)
    {
        var reply = _h.Search("docs", placeholder ?? Placeholder(Queries), 10, filter, annsField: "clips[emb]", extra: ("params", parameters));
        Ok(reply.Status);
        var found = new List<long[]>();
        var at = 0;
        foreach (var count in reply.Results.Topks)
        {
            found.Add(reply.Results.Ids.IntId.Data.Skip(at).Take((int)count).ToArray());
            at += (int)count;
        }
        return found;
    }

    /// <summary>MAX_SIM: each query vector's best element score, summed (element scores as Milvus gives them).</summary>
    private static float MaxSim(float[][] query, float[][] list, string element)
        => query.Sum(q => list.Select(e => element == "L2" ? ClusteredVectors.Distance(q, e, "L2") : -ClusteredVectors.Distance(q, e, element))
            .Aggregate((a, b) => element == "L2" ? Math.Min(a, b) : Math.Max(a, b)));

    private static List<long[]> Exact(string element, Func<int, bool> passes)
        => Queries.Select(q => Enumerable.Range(0, Rows).Where(passes)
            .OrderBy(r => element == "L2" ? MaxSim(q, Lists[r], element) : -MaxSim(q, Lists[r], element)).ThenBy(r => r)
            .Take(10).Select(r => (long)r).ToArray()).ToList();

    private static double Recall(List<long[]> exact, List<long[]> found)
        => exact.Zip(found).Sum(p => p.First.Intersect(p.Second).Count()) / (double)exact.Sum(ids => ids.Length);

    [Theory]
    [InlineData("MAX_SIM_COSINE", "COSINE")]
    [InlineData("MAX_SIM_IP", "IP")]
    [InlineData("MAX_SIM_L2", "L2")]
    public void A_wide_retrieval_finds_exactly_the_exact_search_and_one_element_per_query_vector_leaves_fewer_rows_than_k(string metric, string element)
    {
        CreateIndexed(metric);
        var exact = Exact(element, _ => true);
        // Every element fetched for every query vector: all rows are candidates, ranked exactly.
        Assert.Equal(exact, Search($"{{\"ef\": {Rows * 4}, \"retrieval_ann_ratio\": {Rows * 4}}}"));
        // knowhere's default ratio (3), the candidates of 30 elements per query vector, trades recall on this data, where
        // each row's elements fall in random clusters (0.685 COSINE, 0.830 IP, 0.730 L2); a ratio of 10 finds them (1.000, 0.990, 1.000).
        var recall = Recall(exact, Search("{\"ef\": 64}"));
        Assert.InRange(recall, 0.6, 0.95);
        var wider = Recall(exact, Search("{\"ef\": 128, \"retrieval_ann_ratio\": 10}"));
        Assert.True(wider >= 0.98, $"recall@10 at retrieval_ann_ratio 10: {wider:F3}");
        // One element per query vector (10 x 0.1): at most one candidate row each, so 2 or 3 hits where a scan gives 10.
        var narrow = Search("{\"retrieval_ann_ratio\": 0.1}");
        Assert.All(narrow.Zip(Queries), p => Assert.InRange(p.First.Length, 1, p.Second.Length));
    }

    [Theory]
    [InlineData("MAX_SIM_HAMMING", "HAMMING")]
    [InlineData("MAX_SIM_JACCARD", "JACCARD")]
    public void Binary_embedding_lists_are_indexed_with_their_bit_metric(string metric, string element)
    {
        CreateIndexed(metric, DataType.BinaryVector);
        // MAX_SIM over bits: each query vector's fewest differing bits (or lowest Jaccard distance), summed; lower first.
        var exact = BinaryQueries.Select(q => Enumerable.Range(0, Rows)
            .OrderBy(r => q.Aggregate(0f, (sum, v) => sum + BinaryLists[r].Min(e => ClusteredBits.Distance(v, e, element)))).ThenBy(r => r).Take(10).Select(r => (long)r).ToArray()).ToList();
        Assert.Equal(exact, Search($"{{\"ef\": {Rows * 4}, \"retrieval_ann_ratio\": {Rows * 4}}}", placeholder: Placeholder(BinaryQueries)));
        var narrow = Search("{\"retrieval_ann_ratio\": 0.1}", placeholder: Placeholder(BinaryQueries));
        Assert.All(narrow.Zip(BinaryQueries), p => Assert.InRange(p.First.Length, 1, p.Second.Length));
    }

    [Fact]
    public void A_filtered_search_returns_passing_undeleted_rows_only_and_a_reopen_does_not_rebuild()
    {
        CreateIndexed("MAX_SIM_COSINE");
        var deleted = Exact("COSINE", _ => true).SelectMany(ids => ids.Take(1)).ToHashSet();
        Ok(_h.Client.Delete(new DeleteRequest { CollectionName = "docs", Expr = $"id in [{string.Join(",", deleted)}]" }).Status);
        var wide = $"{{\"ef\": {Rows * 4}, \"retrieval_ann_ratio\": {Rows * 4}}}";
        var filtered = Search(wide, "id < 750");
        Assert.Equal(Exact("COSINE", r => r < 750 && !deleted.Contains(r)), filtered);
        var before = Search("{\"ef\": 32}");
        Assert.DoesNotContain(before.SelectMany(ids => ids), deleted.Contains);
        _h.Reopen();
        var description = _h.Client.DescribeIndex(new DescribeIndexRequest { CollectionName = "docs", FieldName = "clips[emb]" }).IndexDescriptions.Single();
        Assert.Equal(IndexState.Finished, description.State);
        Thread.Sleep(200);
        Assert.Equal(before, Search("{\"ef\": 32}"));
    }

    /// <summary>Element-level hits ("row:offset", best first) of the first 10 query vectors as plain queries.</summary>
    private List<string[]> ElementSearch(string parameters, string filter = "")
    {
        var reply = _h.Search("docs", FloatPlaceholder(QueryVectors.Take(10).ToArray()), 10, filter, annsField: "clips[emb]", extra: ("params", parameters));
        Ok(reply.Status);
        var data = reply.Results;
        var found = new List<string[]>();
        var at = 0;
        foreach (var count in data.Topks)
        {
            found.Add(Enumerable.Range(at, (int)count).Select(i => $"{data.Ids.IntId.Data[i]}:{data.ElementIndices.Data[i]}").ToArray());
            at += (int)count;
        }
        return found;
    }

    /// <summary>The exact element-level top 10 per query among the elements <paramref name="passes"/> (row, offset) allows, ties in storage order.</summary>
    private static List<string[]> ExactElements(string metric, Func<int, int, bool> passes)
        => QueryVectors.Take(10).Select(q => Enumerable.Range(0, Rows)
            .SelectMany(r => Lists[r].Select((e, i) => (Row: r, Offset: i, Distance: ClusteredVectors.Distance(q, e, metric))))
            .Where(h => passes(h.Row, h.Offset)).OrderBy(h => h.Distance).ThenBy(h => h.Row).ThenBy(h => h.Offset)
            .Take(10).Select(h => $"{h.Row}:{h.Offset}").ToArray()).ToList();

    [Theory]
    [InlineData("L2")]
    [InlineData("COSINE")]
    [InlineData("IP")]
    public void Element_level_search_walks_the_graph_over_the_elements(string metric)
    {
        CreateIndexed(metric);
        var wide = $"{{\"ef\": {Rows * 4}}}";
        Assert.Equal(ExactElements(metric, (_, _) => true), ElementSearch(wide));
        // The element_filter's offsets and the row filter both hold inside the walk.
        Assert.Equal(ExactElements(metric, (row, offset) => row < 750 && offset < 2),
            ElementSearch(wide, "id < 750 && element_filter(clips, $[score] < 2)"));
        // A narrow beam misses elements (0.910 L2 and IP, 0.930 COSINE): the graph answers, not a scan.
        var exact = ExactElements(metric, (_, _) => true);
        var narrow = ElementSearch("{\"ef\": 10}");
        var recall = exact.Zip(narrow).Sum(p => p.First.Intersect(p.Second).Count()) / 100.0;
        Assert.InRange(recall, 0.8, 0.99);
    }

    [Fact]
    public void A_retrieval_ratio_of_zero_or_less_is_refused()
    {
        CreateIndexed("MAX_SIM_IP");
        var reply = _h.Search("docs", Placeholder(Queries), 10, annsField: "clips[emb]", extra: ("params", "{\"retrieval_ann_ratio\": 0}"));
        Fails(reply.Status, 1100, "retrieval_ann_ratio could not be less than or equal to 0: invalid parameter");
    }
}

public sealed class InProcessEmbeddingListIndexTests() : EmbeddingListIndexTests(EngineTransport.InProcess);

public sealed class KestrelEmbeddingListIndexTests() : EmbeddingListIndexTests(EngineTransport.Kestrel);
