using System.Collections.Concurrent;
using Grpc.Core;
using Milvus.Protocol.Api;
using Milvus.Protocol.Common;
using Status = Milvus.Protocol.Common.Status;

namespace Milvus.Client.Tests.Support;

/// <summary>A MilvusService that fails on purpose (gRPC codes or Milvus statuses) a set number of times, and records headers.</summary>
public sealed class FlakyMilvusService : MilvusService.MilvusServiceBase
{
    public ConcurrentDictionary<string, int> Calls { get; } = new();
    public ConcurrentDictionary<string, Metadata> LastHeaders { get; } = new();

    /// <summary>gRPC failures to throw before succeeding, per method (int.MaxValue = always).</summary>
    public ConcurrentDictionary<string, (StatusCode Code, int Times)> RpcFailures { get; } = new();

    /// <summary>Per method: given the call number, the gRPC code to fail with (null = succeed).</summary>
    public ConcurrentDictionary<string, Func<int, StatusCode?>> RpcFailureWhen { get; } = new();

    /// <summary>Milvus statuses to answer before succeeding, per method.</summary>
    public ConcurrentDictionary<string, (Status Status, int Times)> StatusFailures { get; } = new();

    private Status Enter(string method, ServerCallContext context)
    {
        var n = Calls.AddOrUpdate(method, 1, (_, c) => c + 1);
        LastHeaders[method] = context.RequestHeaders;
        if (RpcFailures.TryGetValue(method, out var rpc) && n <= rpc.Times)
            throw new RpcException(new Grpc.Core.Status(rpc.Code, $"injected {rpc.Code} #{n}"));
        if (RpcFailureWhen.TryGetValue(method, out var when) && when(n) is { } code)
            throw new RpcException(new Grpc.Core.Status(code, $"injected {code} #{n}"));
        if (StatusFailures.TryGetValue(method, out var st) && n <= st.Times) return st.Status;
        return new Status();
    }

    public override Task<ConnectResponse> Connect(ConnectRequest request, ServerCallContext context)
    {
        LastConnect = request;
        return Task.FromResult(new ConnectResponse { Status = Enter("Connect", context), Identifier = 77, ServerInfo = new ServerInfo { BuildTags = "v-fake" } });
    }

    public ConnectRequest? LastConnect { get; private set; }

    public override Task<GetVersionResponse> GetVersion(GetVersionRequest request, ServerCallContext context)
        => Task.FromResult(new GetVersionResponse { Status = Enter("GetVersion", context), Version = "v-fake" });

    public override Task<ShowCollectionsResponse> ShowCollections(ShowCollectionsRequest request, ServerCallContext context)
        => Task.FromResult(new ShowCollectionsResponse { Status = Enter("ShowCollections", context), CollectionNames = { "a", "b" } });

    public override Task<ListDatabasesResponse> ListDatabases(ListDatabasesRequest request, ServerCallContext context)
        => Task.FromResult(new ListDatabasesResponse { Status = Enter("ListDatabases", context), DbNames = { "default" } });

    public override Task<DescribeDatabaseResponse> DescribeDatabase(DescribeDatabaseRequest request, ServerCallContext context)
        => Task.FromResult(new DescribeDatabaseResponse { Status = Enter("DescribeDatabase", context), DbName = request.DbName });
}
