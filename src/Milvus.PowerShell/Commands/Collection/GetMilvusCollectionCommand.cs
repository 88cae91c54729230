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

        foreach (string name in SelectNames(all, Name, "Collection", "MilvusCollectionNotFound"))
        {
            if (TryInvoke(name, ct => CollectionReader.ReadAsync(client, name, ct), out MilvusCollectionInfo info))
            {
                WriteObject(Stamp(info));
            }
        }
    }
}
