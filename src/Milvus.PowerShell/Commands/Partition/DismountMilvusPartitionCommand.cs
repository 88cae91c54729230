using System.Management.Automation;
using Milvus.Client;
using Milvus.PowerShell.Completion;

namespace Milvus.PowerShell.Commands.Partition;

/// <summary>
/// <para type="synopsis">Releases partitions from memory (their data stays stored).</para>
/// <para type="description">Wraps release_partitions.</para>
/// </summary>
[Cmdlet(VerbsData.Dismount, "MilvusPartition", SupportsShouldProcess = true)]
[OutputType(typeof(void))]
public sealed class DismountMilvusPartitionCommand : MilvusCmdlet
{
    /// <summary>The collection.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Collection")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(CollectionNameCompleter))]
    public string CollectionName { get; set; } = string.Empty;

    /// <summary>The partitions to release.</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Partition")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(PartitionNameCompleter))]
    public string[] PartitionName { get; set; } = [];

    protected override string ErrorThing => "Partition";

    protected override void ProcessRecord()
    {
        AsyncMilvusClient client = ResolveClient();
        string[] partitions = PartitionName;
        if (ShouldProcess(DescribeTarget("partitions", $"{CollectionName}/{string.Join(",", partitions)}"), "Release partitions"))
        {
            TryInvoke(CollectionName, ct => client.ReleasePartitionsAsync(CollectionName, partitions, cancellationToken: ct));
        }
    }
}
