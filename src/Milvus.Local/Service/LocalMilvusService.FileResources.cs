using Grpc.Core;
using Milvus.Local.Errors;
using Milvus.Local.Storage;
using Milvus.Protocol.Api;
using Status = Milvus.Protocol.Common.Status;

namespace Milvus.Local;

// File resources: named paths (analyzer dictionaries, models) kept in the database file. The engine records them;
// nothing in it reads the files yet.
public sealed partial class LocalMilvusService
{
    private FileResourceStore? _fileResources;

    private FileResourceStore FileResources => _fileResources ??= new FileResourceStore(_core.Store);

    public override Task<Status> AddFileResource(AddFileResourceRequest request, ServerCallContext context) => Locked(context, () =>
    {
        if (string.IsNullOrEmpty(request.Name)) throw MilvusError.InvalidParameter("file resource name is empty");
        if (string.IsNullOrEmpty(request.Path)) throw MilvusError.InvalidParameter("file resource path is empty");
        var existing = FileResources.List().FirstOrDefault(r => r.Name == request.Name);
        if (existing is not null)
        {
            // Adding the same name and path again is a no-op; another path under a taken name is refused.
            if (existing.Path == request.Path) return Ok();
            throw MilvusError.InvalidParameter($"file resource {request.Name} already exists with path {existing.Path}");
        }
        var resource = new FileResourceInfo { Id = (long)_core.Oracle.Next(), Name = request.Name, Path = request.Path };
        _core.Write(tx => FileResources.Add(resource, tx));
        return Ok();
    });

    /// <summary>Removing an unknown name succeeds, as Milvus's datacoord reports removed=false without an error.</summary>
    public override Task<Status> RemoveFileResource(RemoveFileResourceRequest request, ServerCallContext context) => Locked(context, () =>
    {
        if (string.IsNullOrEmpty(request.Name)) throw MilvusError.InvalidParameter("file resource name is empty");
        var store = FileResources; // created outside the transaction (its constructor runs DDL)
        _core.Write(tx => store.Remove(request.Name, tx));
        return Ok();
    });

    public override Task<ListFileResourcesResponse> ListFileResources(ListFileResourcesRequest request, ServerCallContext context)
        => Locked(context, () => new ListFileResourcesResponse { Status = Ok(), Resources = { FileResources.List() } });
}
