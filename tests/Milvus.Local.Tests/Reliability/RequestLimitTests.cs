using Grpc.Core;
using Milvus.Local.Rpc;
using Milvus.Local.Tests.Engine;
using Milvus.Protocol.Api;
using Milvus.Protocol.Schema;
using static Milvus.Local.Tests.Engine.LocalEngineHarness;

namespace Milvus.Local.Tests.Reliability;

/// <summary>No request can make the engine take or build an unbounded message: Milvus's size caps and output limits.</summary>
public abstract class RequestLimitTests(EngineTransport transport) : IDisposable
{
    private readonly LocalEngineHarness _h = new(transport);

    public void Dispose() => _h.Dispose();

    [Fact]
    public void An_insert_over_the_64_MiB_receive_limit_is_refused_and_writes_nothing()
    {
        const int dim = 4096;
        Ok(_h.CreateCollection("c", Int64Pk(), Vector("v", DataType.FloatVector, dim)));
        var rows = MessageLimits.MaxReceiveBytes / (dim * 4) + 1;
        var ids = Enumerable.Range(0, rows).Select(i => (long)i).ToArray();
        var vectors = ids.Select(_ => new float[dim]).ToArray();

        var error = Assert.Throws<RpcException>(() => _h.Insert("c", Longs("id", ids), FloatVectors("v", dim, vectors)));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        if (transport == EngineTransport.InProcess)
            Assert.Matches(@"^grpc: received message larger than max \(671\d{5} vs\. 67108864\)$", error.Status.Detail);
        _h.IndexAndLoad("c", "v", "L2");
        Assert.Equal(0, _h.Query("c", "", ["count(*)"]).FieldsData[0].Scalars.LongData.Data[0]);
    }

    [Fact]
    public void A_search_whose_hits_pass_maxOutputSize_is_refused_before_they_are_collected()
    {
        Ok(_h.CreateCollection("c", Int64Pk(), Vector("v", DataType.FloatVector, 2)));
        var ids = Enumerable.Range(0, 1000).Select(i => (long)i).ToArray();
        Ok(_h.Insert("c", Longs("id", ids), FloatVectors("v", 2, ids.Select(i => new[] { (float)i, 1f }).ToArray())).Status);
        _h.IndexAndLoad("c", "v", "L2");
        var queries = Enumerable.Range(0, LocalMilvusService.MaxNq).Select(i => new[] { (float)i, 0f }).ToArray();

        // 16,384 queries x top 1,000 = 16,384,000 hits of at least 12 bytes: past Milvus's 100 MiB output limit.
        var refused = _h.Search("c", FloatPlaceholder(queries), 1000);
        Fails(refused.Status, 65535, "search results exceed the maxOutputSize Limit 104857600");

        // The same queries with top 100 stay under it and are answered in full.
        var answered = _h.Search("c", FloatPlaceholder(queries), 100);
        Ok(answered.Status);
        Assert.Equal(LocalMilvusService.MaxNq * 100, answered.Results.Ids.IntId.Data.Count);
    }

    [Fact]
    public void A_query_without_limit_whose_rows_pass_maxOutputSize_is_refused()
    {
        const int dim = 2048;
        Ok(_h.CreateCollection("c", Int64Pk(), Vector("v", DataType.FloatVector, dim)));
        _h.IndexAndLoad("c", "v", "L2");
        const int batch = 3000; // 24 MB a request, under the receive limit
        for (var start = 0; start < 13_000; start += batch)
        {
            var ids = Enumerable.Range(start, Math.Min(batch, 13_000 - start)).Select(i => (long)i).ToArray();
            Ok(_h.Insert("c", Longs("id", ids), FloatVectors("v", dim, ids.Select(_ => new float[dim]).ToArray())).Status);
        }

        Fails(_h.Query("c", "id >= 0", ["v"]).Status, 65535, "query results exceed the maxOutputSize Limit 104857600");
        var ids1 = _h.Query("c", "id >= 0", ["id"]);
        Ok(ids1.Status);
        Assert.Equal(13_000, ids1.FieldsData.Single(f => f.FieldName == "id").Scalars.LongData.Data.Count);
    }

    [Theory]
    [InlineData(float.NaN, 1)]
    [InlineData(float.PositiveInfinity, 0)]
    [InlineData(float.NegativeInfinity, 1)]
    public void A_search_vector_with_a_non_finite_value_is_refused_as_inserts_are(float value, int index)
    {
        Ok(_h.CreateCollection("c", Int64Pk(), Vector("v", DataType.FloatVector, 2)));
        Ok(_h.Insert("c", Longs("id", 1), FloatVectors("v", 2, [[1, 1]])).Status);
        _h.IndexAndLoad("c", "v", "L2");
        var query = new float[] { 1, 1 };
        query[index] = value;

        var reply = _h.Search("c", FloatPlaceholder([1, 1], query), 1);

        Fails(reply.Status, 1100, $"the search vector of field 'v' is illegal: value at index {index} is not a finite number: invalid parameter");
    }
}

public sealed class RequestLimitTestsInProcess() : RequestLimitTests(EngineTransport.InProcess);

public sealed class RequestLimitTestsOverKestrel() : RequestLimitTests(EngineTransport.Kestrel);
