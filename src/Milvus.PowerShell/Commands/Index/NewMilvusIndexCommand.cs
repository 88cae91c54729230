using System.Collections;
using System.Management.Automation;
using Milvus.Client;
using Milvus.PowerShell.Completion;
using Milvus.PowerShell.Internal;
using Milvus.PowerShell.Models;

namespace Milvus.PowerShell.Commands.Index;

/// <summary>
/// <para type="synopsis">Creates an index on a field and waits for it to be built.</para>
/// <para type="description">Wraps prepare_index_params + create_index. Shows build progress; -NoWait returns once the
/// server has accepted the index (poll with Get-MilvusIndex). Index parameters such as M or efConstruction go in -Parameter.</para>
/// </summary>
[Cmdlet(VerbsCommon.New, "MilvusIndex", SupportsShouldProcess = true)]
[OutputType(typeof(MilvusIndexInfo))]
public sealed class NewMilvusIndexCommand : MilvusCollectionChildCmdlet
{
    /// <summary>The field to index.</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [Alias("Field")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(FieldNameCompleter))]
    public string FieldName { get; set; } = string.Empty;

    /// <summary>The index type (AUTOINDEX, HNSW, IVF_FLAT, FLAT, INVERTED, ...).</summary>
    [Parameter(Position = 2)]
    [ArgumentCompleter(typeof(IndexTypeCompleter))]
    public string IndexType { get; set; } = "AUTOINDEX";

    /// <summary>The metric for vector indexes (COSINE, L2, IP, ...).</summary>
    [Parameter]
    [ArgumentCompleter(typeof(MetricTypeCompleter))]
    public string? MetricType { get; set; }

    /// <summary>The index name (default: the field name).</summary>
    [Parameter]
    [Alias("IndexName")]
    public string? Name { get; set; }

    /// <summary>Index build parameters, e.g. @{ M = 16; efConstruction = 200 }.</summary>
    [Parameter]
    public Hashtable? Parameter { get; set; }

    /// <summary>Return once the index is accepted, without waiting for the build.</summary>
    [Parameter]
    public SwitchParameter NoWait { get; set; }

    protected override string ErrorThing => "Index";

    protected override void ProcessRecord()
    {
        AsyncMilvusClient client = ResolveClient();
        string indexName = string.IsNullOrEmpty(Name) ? FieldName : Name;
        if (!ShouldProcess(DescribeTarget("field", $"{CollectionName}.{FieldName}"), $"Create {IndexType} index '{indexName}'"))
        {
            return;
        }

        IndexParams indexParams = AsyncMilvusClient.PrepareIndexParams(FieldName, IndexType, Name ?? string.Empty, MetricType,
            Parameter is null ? null : PropertyConversion.ToDictionary(Parameter));
        ThrottledProgress progress = StartProgress($"Building index '{indexName}' on {CollectionName}.{FieldName}", "Starting");
        if (!TryInvoke(indexName, ct => IndexBuildWaiter.RunAsync(client, CollectionName, indexParams, NoWait, progress, ct), out IndexDescription? built))
        {
            return;
        }

        if (built is not null)
        {
            WriteVerbose($"Index '{built.IndexName}' {built.State}: {built.IndexedRows} of {built.TotalRows} rows indexed.");
        }

        // The build wait's last report is the index; with -NoWait (no wait, no report) describe it once.
        if (built is not null || (TryInvoke(indexName, ct => client.DescribeIndexAsync(CollectionName, indexName, cancellationToken: ct), out built) && built is not null))
        {
            WriteObject(Stamp(ModelMapper.ToIndexInfo(built, CollectionName)));
        }
    }
}
