using System.Management.Automation;
using Milvus.Client;
using Milvus.PowerShell.Completion;
using Milvus.PowerShell.Internal;
using Milvus.PowerShell.Models;

namespace Milvus.PowerShell.Commands.Index;

/// <summary>
/// <para type="synopsis">Gets the indexes of a collection, with type, parameters and build progress.</para>
/// <para type="description">Wraps list_indexes and describe_index. -Name takes wildcards; -FieldName keeps the
/// indexes of one field.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "MilvusIndex")]
[OutputType(typeof(MilvusIndexInfo))]
public sealed class GetMilvusIndexCommand : MilvusCmdlet
{
    /// <summary>The collection.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Collection")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(CollectionNameCompleter))]
    public string CollectionName { get; set; } = string.Empty;

    /// <summary>Index names; wildcards allowed. Default: all.</summary>
    [Parameter(Position = 1)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(IndexNameCompleter))]
    [Alias("IndexName")]
    public string[]? Name { get; set; }

    /// <summary>Only indexes on this field.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(FieldNameCompleter))]
    public string? FieldName { get; set; }

    protected override string ErrorThing => "Index";

    protected override void ProcessRecord()
    {
        AsyncMilvusClient client = ResolveClient();
        if (!TryInvoke(CollectionName, ct => client.ListIndexesAsync(CollectionName, FieldName ?? string.Empty, cancellationToken: ct),
            out IReadOnlyList<string> all))
        {
            return;
        }

        foreach (string name in SelectNames(all, Name, "Index", "MilvusIndexNotFound"))
        {
            if (TryInvoke(name, ct => client.DescribeIndexAsync(CollectionName, name, cancellationToken: ct), out IndexDescription? index) &&
                index is not null)
            {
                WriteObject(Stamp(ModelMapper.ToIndexInfo(index, CollectionName)));
            }
        }
    }
}
