using Grpc.Core;
using Milvus.Local.Catalog;
using Milvus.Local.Errors;
using Milvus.Protocol.Api;
using Milvus.Protocol.Common;
using Milvus.Protocol.Schema;
using Status = Milvus.Protocol.Common.Status;

namespace Milvus.Local;

// Load and release: LoadCollection reads the collection's segments into memory before the reply. After a restart the
// collections that were loaded load in the background (EngineCore.Loader): Loading with progress until ready.
public sealed partial class LocalMilvusService
{
    public override Task<Status> LoadCollection(LoadCollectionRequest request, ServerCallContext context) => Locked(context, () =>
    {
        var c = _core.Collection(DbName(request.DbName, context), request.CollectionName);
        CheckLoadRequest(c, request.ReplicaNumber, request.ResourceGroups);
        if (request.Refresh) _core.Release(c.Id);
        _core.Load(c);
        c.LoadedAsCollection = true;
        foreach (var p in c.Partitions) p.Loaded = true;
        _core.Write(tx => _core.SaveCollection(c, tx));
        return Ok();
    });

    public override Task<Status> LoadPartitions(LoadPartitionsRequest request, ServerCallContext context) => Locked(context, () =>
    {
        var c = _core.Collection(DbName(request.DbName, context), request.CollectionName);
        if (request.PartitionNames.Count == 0) throw MilvusError.InvalidParameter("partitions cannot be empty");
        var partitions = request.PartitionNames.Select(n => c.FindPartition(n) ?? throw MilvusError.PartitionNotFound(n)).ToList();
        CheckLoadRequest(c, request.ReplicaNumber, request.ResourceGroups);
        if (request.Refresh) _core.Release(c.Id);
        _core.Load(c);
        foreach (var p in partitions) p.Loaded = true;
        _core.Write(tx => _core.SaveCollection(c, tx));
        return Ok();
    });

    private static void CheckLoadRequest(CollectionMeta c, int replicaNumber, IEnumerable<string> resourceGroups)
    {
        if (replicaNumber > 1) throw MilvusError.NotSupported("more than one replica");
        if (resourceGroups.Any(g => g != "__default_resource_group")) throw MilvusError.NotSupported("resource groups other than the default");
        var unindexed = c.VectorFields.Concat(c.Schema.FindSubFields(DataType.ArrayOfVector)).Where(f => c.Indexes.All(i => i.FieldId != f.FieldID)).Select(f => f.Name).ToList();
        if (unindexed.Count > 0)
            throw MilvusError.InvalidParameter($"there is no vector index on field: [{string.Join(" ", unindexed)}], please create index firstly");
    }

    public override Task<Status> ReleaseCollection(ReleaseCollectionRequest request, ServerCallContext context) => Locked(context, () =>
    {
        var c = _core.Collection(DbName(request.DbName, context), request.CollectionName);
        c.LoadedAsCollection = false;
        foreach (var p in c.Partitions) p.Loaded = false;
        _core.Release(c.Id);
        _core.Write(tx => _core.SaveCollection(c, tx));
        return Ok();
    });

    public override Task<Status> ReleasePartitions(ReleasePartitionsRequest request, ServerCallContext context) => Locked(context, () =>
    {
        var c = _core.Collection(DbName(request.DbName, context), request.CollectionName);
        if (request.PartitionNames.Count == 0) throw MilvusError.InvalidParameter("partitions cannot be empty");
        foreach (var name in request.PartitionNames)
            if (c.FindPartition(name) is { } p) p.Loaded = false;
        c.LoadedAsCollection = false;
        if (!c.IsLoaded) _core.Release(c.Id);
        _core.Write(tx => _core.SaveCollection(c, tx));
        return Ok();
    });

    public override Task<GetLoadStateResponse> GetLoadState(GetLoadStateRequest request, ServerCallContext context) => Locked(context, () =>
    {
        var c = _core.Collection(DbName(request.DbName, context), request.CollectionName);
        var partitions = request.PartitionNames.Select(n => c.FindPartition(n) ?? throw MilvusError.PartitionNotFound(n)).ToList();
        var loaded = partitions.Count > 0 ? partitions.All(p => p.Loaded) : c.IsLoaded;
        var state = !loaded ? LoadState.NotLoad : _core.IsLoading(c.Id) ? LoadState.Loading : LoadState.Loaded;
        return new GetLoadStateResponse { Status = Ok(), State = state };
    });

    public override Task<GetLoadingProgressResponse> GetLoadingProgress(GetLoadingProgressRequest request, ServerCallContext context) => Locked(context, () =>
    {
        var c = _core.Collection(DbName(request.DbName, context), request.CollectionName);
        var partitions = request.PartitionNames.Select(n => c.FindPartition(n) ?? throw MilvusError.PartitionNotFound(n)).ToList();
        foreach (var p in partitions.Where(p => !p.Loaded)) throw MilvusError.PartitionNotLoaded("get loading progress", p.Name);
        if (!c.IsLoaded) throw MilvusError.CollectionNotLoaded("get loading progress", c.Id);
        var progress = _core.LoadProgress(c.Id);
        return new GetLoadingProgressResponse { Status = Ok(), Progress = progress, RefreshProgress = progress };
    });
}
