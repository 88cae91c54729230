using Google.Protobuf;
using Milvus.Protocol.Api;
using Milvus.Protocol.Common;
using Milvus.Protocol.Schema;
using static Milvus.Local.Tests.Engine.LocalEngineHarness;

namespace Milvus.Local.Tests.Engine;

/// <summary>Runs every test over both transports (see the derived classes at the end of the file).</summary>
public abstract class VectorTypeTests(EngineTransport transport) : IDisposable
{
    private readonly LocalEngineHarness _h = new(transport);

    public void Dispose() => _h.Dispose();

    [Theory]
    [InlineData("HAMMING", new long[] { 1, 3, 2 }, new float[] { 0, 2, 9 })]
    [InlineData("JACCARD", new long[] { 1, 3, 2 }, new float[] { 0, 1 - 5f / 7, 1 })]
    public void Binary_vectors_use_hamming_and_jaccard(string metric, long[] ids, float[] scores)
    {
        Ok(_h.CreateCollection("b", Int64Pk(), Vector("v", DataType.BinaryVector, 16)));
        byte[][] rows = [[0b1111_0000, 0b0000_0001], [0b0000_1111, 0b0000_0000], [0b1111_0000, 0b0000_0111]];
        Ok(_h.Insert("b", Longs("id", 1, 2, 3), BinaryVectors("v", 16, rows)).Status);
        _h.IndexAndLoad("b", "v", metric, "BIN_FLAT");
        var reply = _h.Search("b", Placeholder(PlaceholderType.BinaryVector, ByteString.CopyFrom([0b1111_0000, 0b0000_0001])), 3);
        Ok(reply.Status);
        Assert.Equal(ids, reply.Results.Ids.IntId.Data);
        Assert.Equal(scores, reply.Results.Scores);
    }

    [Fact]
    public void Sparse_vectors_use_inner_product()
    {
        Ok(_h.CreateCollection("s", Int64Pk(), new FieldSchema { Name = "v", DataType = DataType.SparseFloatVector }));
        Ok(_h.Client.Insert(new InsertRequest
        {
            CollectionName = "s", NumRows = 3,
            FieldsData = { Longs("id", 1, 2, 3), SparseVectors("v", [(1, 1f), (5, 2f)], [(5, 0.5f), (9, 4f)], [(2, 3f)]) },
        }).Status);
        _h.IndexAndLoad("s", "v", "IP", "SPARSE_INVERTED_INDEX");
        var reply = _h.Search("s", Placeholder(PlaceholderType.SparseFloatVector, SparseBytes([(5, 1f), (9, 1f)])), 2);
        Ok(reply.Status);
        Assert.Equal([2L, 1], reply.Results.Ids.IntId.Data);
        Assert.Equal([4.5f, 2f], reply.Results.Scores);
        var back = _h.Query("s", "id == 1", ["v"]).FieldsData.Single(f => f.FieldName == "v");
        Assert.Equal(SparseBytes([(1, 1f), (5, 2f)]), back.Vectors.SparseFloatVector.Contents.Single());
    }

    [Theory]
    [InlineData(DataType.Float16Vector, PlaceholderType.Float16Vector)]
    [InlineData(DataType.Bfloat16Vector, PlaceholderType.Bfloat16Vector)]
    [InlineData(DataType.Int8Vector, PlaceholderType.Int8Vector)]
    public void Half_and_int8_vectors_search_with_l2(DataType type, PlaceholderType placeholder)
    {
        Ok(_h.CreateCollection("h", Int64Pk(), Vector("v", type, 2)));
        float[][] rows = [[1, 2], [3, 4], [-1, 0]];
        var bytes = rows.Select(r => Indexes.DenseVectorEncoding.Bytes(type, r)).ToArray();
        var data = new FieldData { FieldName = "v", Type = type, Vectors = new VectorField { Dim = 2 } };
        var all = ByteString.CopyFrom(bytes.SelectMany(b => b).ToArray());
        if (type == DataType.Float16Vector) data.Vectors.Float16Vector = all;
        else if (type == DataType.Bfloat16Vector) data.Vectors.Bfloat16Vector = all;
        else data.Vectors.Int8Vector = all;
        Ok(_h.Client.Insert(new InsertRequest { CollectionName = "h", NumRows = 3, FieldsData = { Longs("id", 1, 2, 3), data } }).Status);
        _h.IndexAndLoad("h", "v", "L2", type == DataType.Int8Vector ? "HNSW" : "FLAT");
        var reply = _h.Search("h", Placeholder(placeholder, ByteString.CopyFrom(Indexes.DenseVectorEncoding.Bytes(type, [3, 3]))), 3);
        Ok(reply.Status);
        Assert.Equal([2L, 1, 3], reply.Results.Ids.IntId.Data);
        Assert.Equal([1f, 5f, 25f], reply.Results.Scores);
        var stored = _h.Query("h", "id == 2", ["v"]).FieldsData.Single(f => f.FieldName == "v");
        Assert.Equal(bytes[1], (type switch
        {
            DataType.Float16Vector => stored.Vectors.Float16Vector,
            DataType.Bfloat16Vector => stored.Vectors.Bfloat16Vector,
            _ => stored.Vectors.Int8Vector,
        }).ToByteArray());
    }

    [Fact]
    public void Search_by_primary_keys_uses_the_stored_vectors()
    {
        Ok(_h.CreateCollection("c", Int64Pk(), Vector("v", DataType.FloatVector, 2)));
        Ok(_h.Insert("c", Longs("id", 1, 2, 3), FloatVectors("v", 2, [[0, 0], [1, 0], [5, 5]])).Status);
        _h.IndexAndLoad("c", "v", "L2");
        var request = new SearchRequest
        {
            CollectionName = "c", Ids = new IDs { IntId = new LongArray { Data = { 2 } } },
            SearchParams = { new KeyValuePair { Key = "topk", Value = "2" } },
        };
        var reply = _h.Client.Search(request);
        Ok(reply.Status);
        Assert.Equal([2L, 1], reply.Results.Ids.IntId.Data);
        request.Ids.IntId.Data[0] = 42;
        Fails(_h.Client.Search(request).Status, 1100, "some of the provided primary key IDs do not exist: missing IDs = [42]: invalid parameter");
    }

    [Fact]
    public void Hybrid_search_fuses_with_rrf_and_weights()
    {
        Ok(_h.CreateCollection("hy", Int64Pk(), Vector("a", DataType.FloatVector, 2), Vector("b", DataType.FloatVector, 2)));
        Ok(_h.Insert("hy", Longs("id", 1, 2, 3), FloatVectors("a", 2, [[1, 0], [0, 1], [1, 1]]), FloatVectors("b", 2, [[0, 1], [1, 0], [1, 1]])).Status);
        Ok(_h.Client.CreateIndex(new CreateIndexRequest { CollectionName = "hy", FieldName = "a", ExtraParams = { new KeyValuePair { Key = "metric_type", Value = "IP" } } }));
        _h.IndexAndLoad("hy", "b", "L2");
        SearchRequest Sub(string field, float[] q) => new()
        {
            PlaceholderGroup = FloatPlaceholder(q), SearchParams = { new KeyValuePair { Key = "anns_field", Value = field }, new KeyValuePair { Key = "topk", Value = "3" } },
        };
        var request = new HybridSearchRequest
        {
            CollectionName = "hy", Requests = { Sub("a", [1, 0]), Sub("b", [1, 0]) },
            RankParams = { new KeyValuePair { Key = "strategy", Value = "rrf" }, new KeyValuePair { Key = "params", Value = "{\"k\": 60}" }, new KeyValuePair { Key = "limit", Value = "2" } },
        };
        var rrf = _h.Client.HybridSearch(request);
        Ok(rrf.Status);
        // a (IP with [1,0]): 1 (1), 3 (1) tie -> 1, 3, then 2 (0); b (L2 to [1,0]): 2 (0), 3 (1), 1 (2).
        // RRF: id1 = 1/61 + 1/63 = id2 > id3 = 2/62; Milvus breaks the tie by primary key (1 before 2).
        Assert.Equal([1L, 2], rrf.Results.Ids.IntId.Data);
        Assert.Equal(1 / 61f + 1 / 63f, rrf.Results.Scores[0]);
        request.RankParams[0].Value = "weighted";
        request.RankParams[1].Value = "{\"weights\": [1, 0]}";
        var weighted = _h.Client.HybridSearch(request);
        Ok(weighted.Status);
        // Without norm_score (Milvus 2.6+ default false) the IP scores stay raw: id1 = id3 = 1, tie by key.
        Assert.Equal([1L, 3], weighted.Results.Ids.IntId.Data);
        Assert.Equal([1f, 1f], weighted.Results.Scores);
        request.RankParams[1].Value = "{\"weights\": [1, 0], \"norm_score\": true}";
        weighted = _h.Client.HybridSearch(request);
        Assert.Equal([1L, 3], weighted.Results.Ids.IntId.Data);
        Assert.Equal(0.5f + (float)Math.Atan(1) / MathF.PI, weighted.Results.Scores[0]);
        request.RankParams[1].Value = "{\"weights\": [1]}";
        Fails(_h.Client.HybridSearch(request).Status, 1100, "the length of weights param mismatch with ann search requests: invalid parameter");
    }

    [Fact]
    public void Unsupported_rpcs_answer_with_a_milvus_status()
    {
        var reply = _h.Client.CreateResourceGroup(new CreateResourceGroupRequest { ResourceGroup = "rg" });
        Fails(reply, 3000, "unsupported operation[CreateResourceGroup]: not supported by the Milvus local engine");
    }
}

public sealed class VectorTypeTestsInProcess() : VectorTypeTests(EngineTransport.InProcess);

public sealed class VectorTypeTestsOverKestrel() : VectorTypeTests(EngineTransport.Kestrel);
