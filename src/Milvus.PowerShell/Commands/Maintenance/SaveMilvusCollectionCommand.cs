using System.Management.Automation;
using Milvus.PowerShell.Completion;
using Milvus.PowerShell.Models;

namespace Milvus.PowerShell.Commands;

/// <summary>
/// Save-MilvusCollection: pymilvus flush (seal growing segments and persist them; waits until done) or, with -All,
/// flush_all for every collection of the database.
/// </summary>
[Cmdlet(VerbsData.Save, "MilvusCollection", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = NameSet)]
[Alias("Flush-MilvusCollection")]
[OutputType(typeof(MilvusFlushResult))]
public sealed class SaveMilvusCollectionCommand : MilvusCmdlet
{
    private const string NameSet = "Name";
    private const string AllSet = "All";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = NameSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("CollectionName")]
    [ArgumentCompleter(typeof(CollectionNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Name { get; set; } = Array.Empty<string>();

    /// <summary>Flush every collection (pymilvus flush_all).</summary>
    [Parameter(Mandatory = true, ParameterSetName = AllSet)]
    public SwitchParameter All { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override string ErrorThing => "Collection";

    protected override void ProcessRecord()
    {
        var client = ResolveClient();
        if (All)
        {
            if (ShouldProcess($"every collection in db '{ResolveDatabase()}'", "Flush")
                && TryInvoke(null, ct => client.FlushAllAsync(cancellationToken: ct)) && PassThru)
            {
                WriteObject(Stamp(new MilvusFlushResult { All = true, Completed = true }));
            }

            return;
        }

        foreach (string name in Name)
        {
            if (ShouldProcess(DescribeTarget("collection", name), "Flush")
                && TryInvoke(name, ct => client.FlushAsync(name, cancellationToken: ct)) && PassThru)
            {
                WriteObject(Stamp(new MilvusFlushResult { CollectionName = name, Completed = true }));
            }
        }
    }
}
