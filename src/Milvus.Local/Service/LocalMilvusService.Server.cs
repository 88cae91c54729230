using Grpc.Core;
using Milvus.Local.Catalog;
using Milvus.Local.Errors;
using Milvus.Local.Security;
using Milvus.Local.Rpc;
using Milvus.Protocol.Api;
using Milvus.Protocol.Common;
using Status = Milvus.Protocol.Common.Status;

namespace Milvus.Local;

// Connect, version, health, timestamps, and databases.
public sealed partial class LocalMilvusService
{
    public override Task<ConnectResponse> Connect(ConnectRequest request, ServerCallContext context) => Locked(context, () =>
    {
        _core.Database(DbName("", context));
        return new ConnectResponse
        {
            Status = Ok(),
            Identifier = _core.NextConnectionId(),
            ServerInfo = new ServerInfo
            {
                BuildTags = Version, BuildTime = "local", GitCommit = "milvus-local", GoVersion = "dotnet " + Environment.Version,
                DeployMode = "STANDALONE", Reserved = { ["engine"] = "milvus-local" },
            },
        };
    });

    public override Task<GetVersionResponse> GetVersion(GetVersionRequest request, ServerCallContext context)
        => Unlocked(context, () => new GetVersionResponse { Status = Ok(), Version = Version });

    public override Task<CheckHealthResponse> CheckHealth(CheckHealthRequest request, ServerCallContext context)
        => Unlocked(context, () => new CheckHealthResponse { Status = Ok(), IsHealthy = true });

    public override Task<ComponentStates> GetComponentStates(GetComponentStatesRequest request, ServerCallContext context)
        => Unlocked(context, () => new ComponentStates
        {
            Status = Ok(),
            State = new ComponentInfo { NodeID = 1, Role = "Proxy", StateCode = StateCode.Healthy },
        });

    public override Task<GetMetricsResponse> GetMetrics(GetMetricsRequest request, ServerCallContext context)
        => Unlocked(context, () =>
        {
            SystemInfoMetrics.RequestedType(request.Request);
            return new GetMetricsResponse
            {
                Status = Ok(), Response = SystemInfoMetrics.Build(Version, _core.Store.Path),
                ComponentName = "proxy" + SystemInfoMetrics.NodeId,
            };
        });

    public override Task<AllocTimestampResponse> AllocTimestamp(AllocTimestampRequest request, ServerCallContext context)
        => Unlocked(context, () => new AllocTimestampResponse { Status = Ok(), Timestamp = _core.Oracle.Next() });

    public override Task<Status> CreateDatabase(CreateDatabaseRequest request, ServerCallContext context) => Locked(context, () =>
    {
        NameRules.DatabaseName(request.DbName);
        if (_core.FindDatabase(request.DbName) is not null)
            throw MilvusError.InvalidParameter($"database already exist: {request.DbName}");
        if (_core.Databases.Count() >= Engine.EngineCore.MaxDatabases) throw MilvusError.DatabaseLimit(Engine.EngineCore.MaxDatabases);
        var ts = _core.Oracle.Next();
        _core.Write(tx => _core.AddDatabase(new DatabaseMeta { Id = (long)ts, Name = request.DbName, CreatedTs = ts, Properties = [.. request.Properties] }, tx));
        return Ok();
    });

    public override Task<Status> DropDatabase(DropDatabaseRequest request, ServerCallContext context) => Locked(context, () =>
    {
        if (request.DbName == Engine.EngineCore.DefaultDatabase) throw MilvusError.InvalidParameter("can not drop default database");
        var db = _core.FindDatabase(request.DbName);
        if (db is null) return Ok();
        if (_core.CollectionsOf(db.Id).Any())
            throw MilvusError.Plain($"database:{request.DbName} not empty, must drop all collections before drop database");
        _core.Write(tx => _core.RemoveDatabase(db, tx));
        return Ok();
    });

    public override Task<ListDatabasesResponse> ListDatabases(ListDatabasesRequest request, ServerCallContext context) => Locked(context, () =>
    {
        var reply = new ListDatabasesResponse { Status = Ok() };
        var visible = Visible(context, (rbac, user) => rbac.VisibleDatabases(user));
        foreach (var db in _core.Databases.Where(db => RbacCatalog.IsVisible(visible, db.Name)))
        {
            reply.DbNames.Add(db.Name);
            reply.CreatedTimestamp.Add(db.CreatedTs);
            reply.DbIds.Add(db.Id);
        }
        return reply;
    });

    public override Task<DescribeDatabaseResponse> DescribeDatabase(DescribeDatabaseRequest request, ServerCallContext context) => Locked(context, () =>
    {
        var db = _core.Database(DbName(request.DbName, context));
        return new DescribeDatabaseResponse { Status = Ok(), DbName = db.Name, DbID = db.Id, CreatedTimestamp = db.CreatedTs, Properties = { db.Properties } };
    });

    public override Task<Status> AlterDatabase(AlterDatabaseRequest request, ServerCallContext context) => Locked(context, () =>
    {
        var db = _core.Database(DbName(request.DbName, context));
        if (request.Properties.Count > 0 && request.DeleteKeys.Count > 0)
            throw MilvusError.InvalidParameter("alter database requires either properties or deletekeys to modify or delete keys, both cannot be provided");
        if (PropertyBag.Get(request.Properties, Time.Timestamptz.TimezoneKey) is { } zone) Time.Timestamptz.CheckZone(zone);
        PropertyBag.Apply(db.Properties, request.Properties, request.DeleteKeys);
        _core.Write(tx => _core.AddDatabase(db, tx));
        return Ok();
    });
}
