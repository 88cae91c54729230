using System.Management.Automation;
using Milvus.Client;
using Milvus.PowerShell.Completion;
using Milvus.PowerShell.Models;

namespace Milvus.PowerShell.Commands.Alias;

/// <summary>
/// <para type="synopsis">Gets aliases and the collections they point at.</para>
/// <para type="description">Wraps list_aliases and describe_alias. -Name takes wildcards; -CollectionName keeps the
/// aliases of one collection.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "MilvusAlias")]
[OutputType(typeof(MilvusAliasInfo))]
public sealed class GetMilvusAliasCommand : MilvusCmdlet
{
    /// <summary>Alias names (-Alias is an alias of -Name); wildcards allowed. Default: all.</summary>
    [Parameter(Position = 0)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(AliasNameCompleter))]
    [Alias("Alias")]
    public string[]? Name { get; set; }

    /// <summary>Only the aliases of this collection.</summary>
    [Parameter(ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Collection")]
    [ArgumentCompleter(typeof(CollectionNameCompleter))]
    public string? CollectionName { get; set; }

    protected override string ErrorThing => "Alias";

    protected override void ProcessRecord()
    {
        AsyncMilvusClient client = ResolveClient();
        if (!TryInvoke(CollectionName, ct => client.ListAliasesAsync(CollectionName ?? string.Empty, cancellationToken: ct), out AliasList list))
        {
            return;
        }

        foreach (string alias in SelectNames(list.Aliases, Name, "Alias", "MilvusAliasNotFound"))
        {
            if (TryInvoke(alias, ct => client.DescribeAliasAsync(alias, cancellationToken: ct), out AliasDescription description))
            {
                WriteObject(Stamp(new MilvusAliasInfo
                {
                    Alias = description.Alias,
                    CollectionName = description.CollectionName,
                    DatabaseName = description.DbName,
                }));
            }
        }
    }
}
