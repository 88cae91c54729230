using Grpc.Core;
using Milvus.Local.Catalog;
using Milvus.Local.Errors;
using Milvus.Protocol.Api;
using Status = Milvus.Protocol.Common.Status;

namespace Milvus.Local;

// Aliases: another name for a collection within its database; every data RPC resolves them.
public sealed partial class LocalMilvusService
{
    public override Task<Status> CreateAlias(CreateAliasRequest request, ServerCallContext context) => Locked(context, () =>
    {
        var dbName = DbName(request.DbName, context);
        var db = _core.Database(dbName);
        NameRules.AliasName(request.Alias);
        NameRules.CollectionName(request.CollectionName);
        if (_core.FindCollection(db.Id, request.Alias) is not null)
            throw MilvusError.AliasCollectionConflict($"database={dbName}][alias={request.Alias}");
        var target = _core.FindCollection(db.Id, request.CollectionName);
        if (target is null)
        {
            if (_core.AliasTarget(db.Id, request.CollectionName) is not null)
                throw MilvusError.InvalidParameter($"cannot create alias on alias, alias: {request.Alias}, collection: {request.CollectionName}");
            throw MilvusError.CollectionNotFound(dbName, request.CollectionName);
        }
        var existing = _core.AliasTarget(db.Id, request.Alias);
        if (existing == target.Name) return Ok();
        if (existing is not null) throw MilvusError.AliasExists($"database={dbName}][alias={request.Alias}");
        _core.Write(tx => _core.SetAlias(db.Id, request.Alias, target.Id, tx));
        return Ok();
    });

    public override Task<Status> AlterAlias(AlterAliasRequest request, ServerCallContext context) => Locked(context, () =>
    {
        var dbName = DbName(request.DbName, context);
        var db = _core.Database(dbName);
        NameRules.AliasName(request.Alias);
        if (_core.AliasTarget(db.Id, request.Alias) is null) throw MilvusError.AliasNotFound(dbName, request.Alias);
        var target = _core.FindCollection(db.Id, request.CollectionName) ?? throw MilvusError.CollectionNotFound(dbName, request.CollectionName);
        _core.Write(tx => _core.SetAlias(db.Id, request.Alias, target.Id, tx));
        return Ok();
    });

    public override Task<Status> DropAlias(DropAliasRequest request, ServerCallContext context) => Locked(context, () =>
    {
        var db = _core.Database(DbName(request.DbName, context));
        NameRules.AliasName(request.Alias);
        if (_core.AliasTarget(db.Id, request.Alias) is not null) _core.Write(tx => _core.RemoveAlias(db.Id, request.Alias, tx));
        return Ok();
    });

    public override Task<DescribeAliasResponse> DescribeAlias(DescribeAliasRequest request, ServerCallContext context) => Locked(context, () =>
    {
        var dbName = DbName(request.DbName, context);
        var db = _core.Database(dbName);
        NameRules.AliasName(request.Alias);
        var target = _core.AliasTarget(db.Id, request.Alias) ?? throw MilvusError.AliasNotFound(dbName, request.Alias);
        return new DescribeAliasResponse { Status = Ok(), DbName = dbName, Alias = request.Alias, Collection = target };
    });

    public override Task<ListAliasesResponse> ListAliases(ListAliasesRequest request, ServerCallContext context) => Locked(context, () =>
    {
        var dbName = DbName(request.DbName, context);
        var db = _core.Database(dbName);
        var reply = new ListAliasesResponse { Status = Ok(), DbName = dbName, CollectionName = request.CollectionName };
        if (!string.IsNullOrEmpty(request.CollectionName))
        {
            var c = _core.FindCollection(db.Id, request.CollectionName) ?? throw MilvusError.CollectionNotFound(dbName, request.CollectionName);
            reply.Aliases.Add(_core.AliasesOf(c.Id));
        }
        else reply.Aliases.Add(_core.AliasesIn(db.Id).Select(a => a.Alias));
        return reply;
    });
}
