using System.Management.Automation;
using Milvus.Client;
using Milvus.PowerShell.Completion;
using Milvus.PowerShell.Models;

namespace Milvus.PowerShell.Commands.Alias;

/// <summary>
/// <para type="synopsis">Re-points an existing alias at another collection.</para>
/// <para type="description">Wraps alter_alias: clients that use the alias switch collections at once (blue/green reindexing).</para>
/// </summary>
[Cmdlet(VerbsCommon.Set, "MilvusAlias", SupportsShouldProcess = true)]
[OutputType(typeof(MilvusAliasInfo))]
public sealed class SetMilvusAliasCommand : MilvusCmdlet
{
    /// <summary>The alias to re-point.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(AliasNameCompleter))]
    [Alias("Alias")]
    public string Name { get; set; } = string.Empty;

    /// <summary>The collection it should point at.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [Alias("Collection")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(CollectionNameCompleter))]
    public string CollectionName { get; set; } = string.Empty;

    /// <summary>Output the alias.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override string ErrorThing => "Alias";

    protected override void ProcessRecord()
    {
        AsyncMilvusClient client = ResolveClient();
        if (ShouldProcess(DescribeTarget("alias", Name), $"Point alias at collection '{CollectionName}'") &&
            TryInvoke(Name, ct => client.AlterAliasAsync(CollectionName, Name, cancellationToken: ct)) && PassThru)
        {
            WriteObject(Stamp(new MilvusAliasInfo { Alias = Name, CollectionName = CollectionName }));
        }
    }
}
