using System.Management.Automation;
using Milvus.Client;
using Milvus.PowerShell.Completion;

namespace Milvus.PowerShell.Commands.Alias;

/// <summary>
/// <para type="synopsis">Deletes an alias (the collection stays).</para>
/// <para type="description">Wraps drop_alias.</para>
/// </summary>
[Cmdlet(VerbsCommon.Remove, "MilvusAlias", SupportsShouldProcess = true)]
[OutputType(typeof(void))]
public sealed class RemoveMilvusAliasCommand : MilvusCmdlet
{
    /// <summary>The alias to delete.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(AliasNameCompleter))]
    [Alias("Alias")]
    public string Name { get; set; } = string.Empty;

    protected override string ErrorThing => "Alias";

    protected override void ProcessRecord()
    {
        AsyncMilvusClient client = ResolveClient();
        if (ExistsForRemoval("Alias", Name, async ct => (await client.ListAliasesAsync(cancellationToken: ct).ConfigureAwait(false)).Aliases.Contains(Name))
            && ShouldProcess(DescribeTarget("alias", Name), "Remove alias"))
        {
            TryInvoke(Name, ct => client.DropAliasAsync(Name, cancellationToken: ct));
        }
    }
}
