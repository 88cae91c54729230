using Google.Protobuf;
using Grpc.Core;
using Milvus.Local.Engine;
using Milvus.Local.Errors;
using Milvus.Local.Rpc;
using Milvus.Local.Security;
using Milvus.Protocol.Api;

namespace Milvus.Local;

/// <summary>
/// The engine's MilvusService: every RPC of Milvus 3.0, answered from the local catalog and storage. Split
/// by area into partial files; RPCs the engine does not offer answer with Milvus's "not supported" status.
/// </summary>
[BindServiceMethod(typeof(ParseFailureBinder), nameof(ParseFailureBinder.BindService))]
public sealed partial class LocalMilvusService : MilvusService.MilvusServiceBase
{
    public const string Version = "v3.0.3";

    private readonly EngineCore _core;
    private readonly DataWriter _writer;
    private readonly EngineSecurity _security;

    internal LocalMilvusService(EngineCore core, EngineSecurity security)
    {
        _core = core;
        _security = security;
        _writer = new DataWriter(core);
        Restorer = new Snapshots.SnapshotRestorer(core);
    }

    /// <summary>The database a request addresses: its db_name field, else the <c>dbname</c> header, else "default".</summary>
    private static string DbName(string requestDb, ServerCallContext context)
    {
        if (!string.IsNullOrEmpty(requestDb)) return requestDb;
        var header = context.RequestHeaders?.GetValue("dbname");
        return string.IsNullOrEmpty(header) ? EngineCore.DefaultDatabase : header;
    }

    /// <summary>Runs a handler under the engine lock, mapping failures to the reply's status.</summary>
    private Task<T> Locked<T>(ServerCallContext context, Func<T> handler) where T : class, IMessage<T>, new()
        => RpcBoundary.Run(context, () => { lock (_core.Gate) return handler(); });

    /// <summary>Runs a read-only handler outside the lock (it takes its snapshot under the lock itself).</summary>
    private static Task<T> Unlocked<T>(ServerCallContext context, Func<T> handler) where T : class, IMessage<T>, new()
        => RpcBoundary.Run(context, handler);

    /// <summary>The reply of an RPC the engine does not offer: Milvus's "unsupported operation" status.</summary>
    private static Task<T> NotSupported<T>(ServerCallContext context, string rpc) where T : class, IMessage<T>, new()
        => RpcBoundary.Run<T>(context, () => throw MilvusError.NotSupported(rpc));

    private static Protocol.Common.Status Ok() => RpcBoundary.Success();
}
