using System.Management.Automation;
using Milvus.Client;
using Milvus.PowerShell.Completion;
using Milvus.PowerShell.Models;

namespace Milvus.PowerShell.Commands.Alias;

/// <summary>
/// <para type="synopsis">Creates an alias for a collection.</para>
/// <para type="description">Wraps create_alias. Aliases share the namespace of collection names; Set-MilvusAlias re-points one.</para>
/// </summary>
[Cmdlet(VerbsCommon.New, "MilvusAlias", SupportsShouldProcess = true)]
[OutputType(typeof(MilvusAliasInfo))]
public sealed class NewMilvusAliasCommand : MilvusCmdlet
{
    /// <summary>The alias to create.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    [Alias("Alias")]
    public string Name { get; set; } = string.Empty;

    /// <summary>The collection it points at.</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [Alias("Collection")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(CollectionNameCompleter))]
    public string CollectionName { get; set; } = string.Empty;

    protected override string ErrorThing => "Alias";

    protected override void ProcessRecord()
    {
        AsyncMilvusClient client = ResolveClient();
        if (ShouldProcess(DescribeTarget("alias", Name), $"Create alias for collection '{CollectionName}'") &&
            TryInvoke(Name, ct => client.CreateAliasAsync(CollectionName, Name, cancellationToken: ct)))
        {
            WriteObject(Stamp(new MilvusAliasInfo { Alias = Name, CollectionName = CollectionName }));
        }
    }
}
