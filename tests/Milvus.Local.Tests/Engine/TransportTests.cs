using Grpc.Core;
using Milvus.Protocol.Api;
using Milvus.Protocol.Schema;
using static Milvus.Local.Tests.Engine.LocalEngineHarness;

namespace Milvus.Local.Tests.Engine;

/// <summary>The in-process CallInvoker behaves like a gRPC channel: headers, deadlines, cancellation, copies, streaming.</summary>
public sealed class TransportTests : IDisposable
{
    private readonly LocalEngineHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public void A_deadline_in_the_past_fails_with_deadline_exceeded()
    {
        var e = Assert.Throws<RpcException>(() => _h.Client.GetVersion(new GetVersionRequest(), deadline: DateTime.UtcNow.AddSeconds(-1)));
        Assert.Equal(StatusCode.DeadlineExceeded, e.StatusCode);
    }

    [Fact]
    public async Task A_cancelled_call_fails_with_cancelled()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var e = await Assert.ThrowsAsync<RpcException>(async () => await _h.Client.GetVersionAsync(new GetVersionRequest(), cancellationToken: cts.Token));
        Assert.Equal(StatusCode.Cancelled, e.StatusCode);
    }

    [Fact]
    public async Task The_dbname_header_selects_the_database_on_async_calls()
    {
        Ok(await _h.Client.CreateDatabaseAsync(new CreateDatabaseRequest { DbName = "other" }));
        Ok(_h.CreateCollection("c", Int64Pk(), Vector("v", DataType.FloatVector, 2)));
        var inOther = await _h.Client.HasCollectionAsync(new HasCollectionRequest { CollectionName = "c" }, new Metadata { { "dbname", "other" } });
        Assert.False(inOther.Value);
        Assert.True((await _h.Client.HasCollectionAsync(new HasCollectionRequest { CollectionName = "c" })).Value);
    }

    [Fact]
    public void Requests_are_copied_so_the_caller_may_reuse_them()
    {
        var request = new CreateDatabaseRequest { DbName = "first" };
        Ok(_h.Client.CreateDatabase(request));
        request.DbName = "second";
        Ok(_h.Client.CreateDatabase(request));
        Assert.Equal(["default", "first", "second"], _h.Client.ListDatabases(new ListDatabasesRequest()).DbNames);
    }

    [Fact]
    public async Task Server_streaming_calls_report_the_handlers_status()
    {
        using var call = _h.Client.DumpMessages(new DumpMessagesRequest());
        var e = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.Unimplemented, e.StatusCode);
    }

    [Fact]
    public void Duplex_streaming_is_unimplemented_with_a_clear_message()
    {
        var e = Assert.Throws<RpcException>(() => _h.Client.CreateReplicateStream());
        Assert.Equal(StatusCode.Unimplemented, e.StatusCode);
        Assert.Equal("duplex streaming call /milvus.proto.milvus.MilvusService/CreateReplicateStream is not supported by the in-process transport of the Milvus local engine", e.Status.Detail);
    }
}

/// <summary>Concurrent writers and readers: every acknowledged row is visible afterwards, readers never fail.</summary>
public sealed class ConcurrencyTests : IDisposable
{
    private readonly LocalEngineHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task Parallel_inserts_and_searches_lose_nothing()
    {
        Ok(_h.CreateCollection("c", Int64Pk(), Vector("v", DataType.FloatVector, 2)));
        _h.IndexAndLoad("c", "v", "L2");
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 25; i++)
            {
                var id = w * 1000 + i;
                var reply = await _h.Client.InsertAsync(new InsertRequest { CollectionName = "c", NumRows = 1, FieldsData = { Longs("id", id), FloatVectors("v", 2, [[id, 1]]) } });
                Ok(reply.Status);
            }
        }));
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 25; i++)
            {
                var reply = await _h.Client.SearchAsync(new SearchRequest
                {
                    CollectionName = "c", PlaceholderGroup = FloatPlaceholder([0, 1]), SearchParams = { new KeyValuePair { Key = "topk", Value = "3" } },
                });
                Ok(reply.Status);
            }
        }));
        await Task.WhenAll(writers.Concat(readers));
        Assert.Equal([100L], _h.Query("c", "", ["count(*)"]).FieldsData.Single().Scalars.LongData.Data);
    }
}
