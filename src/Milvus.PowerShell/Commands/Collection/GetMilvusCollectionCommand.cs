using System.Management.Automation;
using Milvus.Client;
using Milvus.PowerShell.Completion;
using Milvus.PowerShell.Internal;
using Milvus.PowerShell.Models;

namespace Milvus.PowerShell.Commands.Collection;

/// <summary>
/// <para type="synopsis">Gets collections: schema, properties, aliases and load state.</para>
/// <para type="description">Wraps list_collections, describe_collection and get_load_state. -Name takes wildcards; an exact
/// name that does not exist writes a MilvusCollectionNotFound error, a wildcard that matches nothing writes nothing.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "MilvusCollection")]
[OutputType(typeof(MilvusCollectionInfo))]
public sealed class GetMilvusCollectionCommand : MilvusCmdlet
{
    /// <summary>Collection names; wildcards allowed. Default: all collections of the database.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("CollectionName")]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(CollectionNameCompleter))]
    public string[]? Name { get; set; }

    protected override string ErrorThing => "Collection";

    protected override void ProcessRecord()
    {
        AsyncMilvusClient client = ResolveClient();
        if (!TryInvoke(null, ct => client.ListCollectionsAsync(cancellationToken: ct), out IReadOnlyList<string> all))
        {
            return;
        }

        // Exact names that are aliases describe their collection, as every -CollectionName does.
        List<string> aliases = AliasesAmong(client, all);
        string[]? patterns = Name?.Where(n => !aliases.Contains(n, StringComparer.Ordinal)).ToArray();
        IEnumerable<string> names = patterns is { Length: 0 } ? aliases : SelectNames(all, patterns, "Collection", "MilvusCollectionNotFound").Concat(aliases);
        foreach (string name in names)
        {
            if (TryInvoke(name, ct => CollectionReader.ReadAsync(client, name, ct), out MilvusCollectionInfo info))
            {
                WriteObject(Stamp(info));
            }
        }
    }

    /// <summary>The exact -Name values that are not collections but aliases of one (listed only when there are such names).</summary>
    private List<string> AliasesAmong(AsyncMilvusClient client, IReadOnlyList<string> collections)
    {
        var unknown = (Name ?? Array.Empty<string>())
            .Where(n => !WildcardPattern.ContainsWildcardCharacters(n) && !collections.Contains(n, StringComparer.Ordinal)).ToList();
        if (unknown.Count == 0 || !TryInvoke(null, ct => client.ListAliasesAsync(cancellationToken: ct), out AliasList aliases))
        {
            return new List<string>();
        }

        return unknown.Where(n => aliases.Aliases.Contains(n, StringComparer.Ordinal)).ToList();
    }
}
