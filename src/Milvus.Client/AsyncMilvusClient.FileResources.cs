using Milvus.Protocol.Api;

namespace Milvus.Client;

/// <summary>File resources: named files (dictionaries, models) that analyzers and functions refer to.</summary>
public sealed partial class AsyncMilvusClient
{
    /// <summary>pymilvus <c>add_file_resource(name, path)</c>.</summary>
    public Task AddFileResourceAsync(string name, string path, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        => CallAsync("AddFileResource", new AddFileResourceRequest { Name = name, Path = path }, (c, r, o) => c.AddFileResourceAsync(r, o),
            timeout, cancellationToken);

    /// <summary>pymilvus <c>remove_file_resource(name)</c>.</summary>
    public Task RemoveFileResourceAsync(string name, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        => CallAsync("RemoveFileResource", new RemoveFileResourceRequest { Name = name }, (c, r, o) => c.RemoveFileResourceAsync(r, o),
            timeout, cancellationToken);

    /// <summary>pymilvus <c>list_file_resources()</c>.</summary>
    public Task<IReadOnlyList<FileResourceInfo>> ListFileResourcesAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        => MapAsync(CallAsync("ListFileResources", new ListFileResourcesRequest(), (c, r, o) => c.ListFileResourcesAsync(r, o), timeout, cancellationToken),
            r => (IReadOnlyList<FileResourceInfo>)r.Resources.Select(x => new FileResourceInfo(x.Name, x.Path, x.Id)).ToList());
}
