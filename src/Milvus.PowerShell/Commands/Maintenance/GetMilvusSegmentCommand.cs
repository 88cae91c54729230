using System.Management.Automation;
using Milvus.Client;
using Milvus.PowerShell.Completion;
using Milvus.PowerShell.Models;

namespace Milvus.PowerShell.Commands;

/// <summary>
/// Get-MilvusSegment: pymilvus list_persistent_segments, or with -Loaded list_loaded_segments (segments in query
/// node memory, with index and memory size).
/// </summary>
[Cmdlet(VerbsCommon.Get, "MilvusSegment")]
[OutputType(typeof(MilvusSegmentInfo))]
public sealed class GetMilvusSegmentCommand : MilvusCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Collection")]
    [ArgumentCompleter(typeof(CollectionNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] CollectionName { get; set; } = Array.Empty<string>();

    /// <summary>List the segments loaded in memory instead of the persisted ones.</summary>
    [Parameter]
    public SwitchParameter Loaded { get; set; }

    protected override string ErrorThing => "Collection";

    protected override void ProcessRecord()
    {
        var client = ResolveClient();
        foreach (string name in CollectionName)
        {
            IEnumerable<SegmentInfo> segments;
            if (Loaded)
            {
                if (!TryInvoke(name, ct => client.ListLoadedSegmentsAsync(name, cancellationToken: ct), out var loaded))
                {
                    continue;
                }

                segments = loaded;
            }
            else if (TryInvoke(name, ct => client.ListPersistentSegmentsAsync(name, cancellationToken: ct), out var persisted))
            {
                segments = persisted;
            }
            else
            {
                continue;
            }

            foreach (var segment in segments)
            {
                WriteObject(Stamp(ToOutput(name, segment)));
            }
        }
    }

    private static MilvusSegmentInfo ToOutput(string collection, SegmentInfo segment)
    {
        var output = new MilvusSegmentInfo
        {
            CollectionName = collection,
            SegmentId = segment.SegmentId,
            CollectionId = segment.CollectionId,
            PartitionId = segment.PartitionId,
            NumRows = segment.NumRows,
            State = segment.State.ToString(),
            Level = segment.Level.ToString(),
            IsSorted = segment.IsSorted,
            StorageVersion = segment.StorageVersion,
        };
        if (segment is LoadedSegmentInfo loaded)
        {
            output.IsLoaded = true;
            output.IndexName = loaded.IndexName;
            output.NodeIds = loaded.NodeIds.ToArray();
            output.MemSize = loaded.MemSize;
        }

        return output;
    }
}
