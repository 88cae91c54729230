using System.Management.Automation;
using Milvus.Client;
using Milvus.PowerShell.Completion;
using Milvus.PowerShell.Models;

namespace Milvus.PowerShell.Commands.Snapshot;

/// <summary>
/// <para type="synopsis">Gets the snapshots of a collection, or of every collection in the database.</para>
/// <para type="description">Wraps list_snapshots and describe_snapshot. -Name takes wildcards. Without
/// -CollectionName it lists the snapshots of each collection of the database.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "MilvusSnapshot")]
[OutputType(typeof(MilvusSnapshotInfo))]
public sealed class GetMilvusSnapshotCommand : MilvusCmdlet
{
    /// <summary>Snapshot names; wildcards allowed. Default: all.</summary>
    [Parameter(Position = 0)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(SnapshotNameCompleter))]
    public string[]? Name { get; set; }

    /// <summary>The collection whose snapshots to get (a name or an alias). Default: every collection.</summary>
    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    [Alias("Collection")]
    [ArgumentCompleter(typeof(CollectionNameCompleter))]
    public string? CollectionName { get; set; }

    protected override string ErrorThing => "Snapshot";

    protected override void ProcessRecord()
    {
        AsyncMilvusClient client = ResolveClient();
        IReadOnlyList<string> collections;
        if (!string.IsNullOrEmpty(CollectionName))
        {
            collections = [CollectionName];
        }
        else if (!TryInvoke(ResolveDatabase(), ct => client.ListCollectionsAsync(cancellationToken: ct), out collections))
        {
            return;
        }

        var found = new List<(string Collection, string Snapshot)>();
        foreach (string collection in collections)
        {
            if (TryInvoke(collection, ct => client.ListSnapshotsAsync(collection, cancellationToken: ct), out IReadOnlyList<string> names))
            {
                found.AddRange(names.Select(n => (collection, n)));
            }
        }

        IReadOnlyList<string> selected = SelectNames(found.Select(f => f.Snapshot).Distinct(), Name, "Snapshot", "MilvusSnapshotNotFound");
        foreach (var (collection, snapshot) in found.Where(f => selected.Contains(f.Snapshot)))
        {
            if (TryInvoke(snapshot, ct => client.DescribeSnapshotAsync(snapshot, collection, cancellationToken: ct), out SnapshotInfo info))
            {
                WriteObject(Stamp(SnapshotOutput.Info(info)));
            }
        }
    }
}
