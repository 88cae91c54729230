namespace Milvus.Client;

/// <summary>One file resource of the cluster (pymilvus <c>FileResourceInfo</c>: name and path; the server's id too).</summary>
public sealed record FileResourceInfo(string Name, string Path, long Id = 0);

/// <summary>An external collection refresh job (pymilvus <c>RefreshExternalCollectionJobInfo</c>).</summary>
/// <param name="State">The protocol's state name: RefreshPending, RefreshInProgress, RefreshCompleted or RefreshFailed.</param>
/// <param name="Progress">Percent, 0-100.</param>
/// <param name="StartTime">Milliseconds since the Unix epoch.</param>
/// <param name="EndTime">Milliseconds since the Unix epoch; 0 while running.</param>
public sealed record RefreshExternalCollectionJobInfo(long JobId, string CollectionName, string State, long Progress, string Reason,
    string ExternalSource, long StartTime, long EndTime, string ExternalSpec = "");
