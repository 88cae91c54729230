using System.Management.Automation;
using Milvus.Client;
using Milvus.PowerShell.Completion;
using Milvus.PowerShell.Internal;
using Milvus.PowerShell.Models;

namespace Milvus.PowerShell.Commands.Collection;

/// <summary>
/// <para type="synopsis">Loads a collection into memory so it can be searched and queried.</para>
/// <para type="description">Wraps load_collection. Waits until loading completes, showing progress, unless -NoWait.
/// Every vector field needs an index first (New-MilvusIndex).</para>
/// </summary>
[Cmdlet(VerbsData.Mount, "MilvusCollection", SupportsShouldProcess = true)]
[OutputType(typeof(MilvusCollectionInfo))]
public sealed class MountMilvusCollectionCommand : MilvusNamedCollectionCmdlet
{
    /// <summary>Number of in-memory replicas.</summary>
    [Parameter]
    [ValidateRange(1, 100)]
    public int? ReplicaNumber { get; set; }

    /// <summary>Resource groups to place the replicas in.</summary>
    [Parameter]
    public string[]? ResourceGroup { get; set; }

    /// <summary>Load only these fields.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(FieldNameCompleter))]
    public string[]? LoadField { get; set; }

    /// <summary>Don't load the dynamic field.</summary>
    [Parameter]
    public SwitchParameter SkipLoadDynamicField { get; set; }

    /// <summary>Reload a loaded collection (e.g. after a bulk import).</summary>
    [Parameter]
    public SwitchParameter Refresh { get; set; }

    /// <summary>Return at once instead of waiting for loading to finish (poll with Get-MilvusLoadState).</summary>
    [Parameter]
    public SwitchParameter NoWait { get; set; }

    /// <summary>Output the collection.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        AsyncMilvusClient client = ResolveClient();
        if (!ShouldProcess(DescribeTarget("collection", Name), "Load collection"))
        {
            return;
        }

        var options = new LoadOptions
        {
            ReplicaNumber = ReplicaNumber,
            ResourceGroups = ResourceGroup,
            LoadFields = LoadField,
            SkipLoadDynamicField = SkipLoadDynamicField,
            Refresh = Refresh,
            NoWait = NoWait,
        };
        ThrottledProgress progress = StartProgress($"Loading collection '{Name}'", "Starting");
        bool loaded = TryInvoke(Name, ct => LoadWaiter.RunAsync(options, token => client.LoadCollectionAsync(Name, options, cancellationToken: token), progress, ct));
        if (loaded && PassThru && TryInvoke(Name, ct => CollectionReader.ReadAsync(client, Name, ct), out MilvusCollectionInfo info))
        {
            WriteObject(Stamp(info));
        }
    }
}
