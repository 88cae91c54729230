using System.Collections;
using System.Management.Automation;
using Milvus.Client;
using Milvus.PowerShell.Completion;
using Milvus.PowerShell.Internal;
using Milvus.PowerShell.Models;

namespace Milvus.PowerShell.Commands.Collection;

/// <summary>
/// <para type="synopsis">Creates a collection: quickly from a dimension, or from a schema.</para>
/// <para type="description">Wraps create_collection. Quick setup (-Dimension): an INT64 (or VARCHAR with -IdType String)
/// primary key "id", a FLOAT_VECTOR "vector", the dynamic field on, an AUTOINDEX with -MetricType (COSINE), loaded and ready.
/// With -Schema (New-MilvusSchema) or -Field (New-MilvusField objects) it creates exactly that schema; with -Index too, it
/// builds those indexes and loads the collection (pymilvus create_collection(schema=, index_params=); a refused index
/// drops the new collection again), otherwise the
/// collection is unindexed and not loaded: run New-MilvusIndex and Mount-MilvusCollection next.</para>
/// </summary>
[Cmdlet(VerbsCommon.New, "MilvusCollection", SupportsShouldProcess = true, DefaultParameterSetName = QuickSet)]
[OutputType(typeof(MilvusCollectionInfo))]
public sealed class NewMilvusCollectionCommand : MilvusCmdlet
{
    private const string QuickSet = "Quick";
    private const string SchemaSet = "Schema";
    private const string FieldSet = "Field";

    /// <summary>The collection name.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("CollectionName")]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = string.Empty;

    /// <summary>Quick setup: the vector dimension.</summary>
    [Parameter(Mandatory = true, Position = 1, ParameterSetName = QuickSet)]
    [ValidateRange(1, 32768)]
    public int Dimension { get; set; }

    /// <summary>Quick setup: the primary key field's name.</summary>
    [Parameter(ParameterSetName = QuickSet)]
    [ValidateNotNullOrEmpty]
    public string PrimaryField { get; set; } = "id";

    /// <summary>Quick setup: the primary key type, Int (INT64) or String (VARCHAR).</summary>
    [Parameter(ParameterSetName = QuickSet)]
    [ValidateSet("Int", "String")]
    public string IdType { get; set; } = "Int";

    /// <summary>Quick setup: the maximum length of a String primary key.</summary>
    [Parameter(ParameterSetName = QuickSet)]
    [ValidateRange(1, 65535)]
    public int? MaxLength { get; set; }

    /// <summary>Quick setup: the vector field's name.</summary>
    [Parameter(ParameterSetName = QuickSet)]
    [ValidateNotNullOrEmpty]
    public string VectorField { get; set; } = "vector";

    /// <summary>Quick setup: the metric of the automatic index (COSINE, L2, IP...).</summary>
    [Parameter(ParameterSetName = QuickSet)]
    [ArgumentCompleter(typeof(MetricTypeCompleter))]
    public string MetricType { get; set; } = "COSINE";

    /// <summary>Let Milvus generate primary keys.</summary>
    [Parameter(ParameterSetName = QuickSet)]
    [Parameter(ParameterSetName = FieldSet)]
    public SwitchParameter AutoId { get; set; }

    /// <summary>A schema built with New-MilvusSchema.</summary>
    [Parameter(Mandatory = true, ParameterSetName = SchemaSet)]
    public MilvusSchemaInfo? Schema { get; set; }

    /// <summary>The fields, built with New-MilvusField.</summary>
    [Parameter(Mandatory = true, ParameterSetName = FieldSet)]
    public MilvusFieldInfo[]? Field { get; set; }

    /// <summary>With -Field: functions (New-MilvusFunction), e.g. BM25 from a text field to a sparse vector field.</summary>
    [Parameter(ParameterSetName = FieldSet)]
    public MilvusFunctionInfo[]? Function { get; set; }

    /// <summary>With -Field: keep fields not in the schema in the dynamic field ($meta).</summary>
    [Parameter(ParameterSetName = FieldSet)]
    public SwitchParameter EnableDynamicField { get; set; }

    /// <summary>
    /// With -Field or -Schema: indexes to build before the collection is loaded, so it is ready at once (pymilvus
    /// create_collection(schema=, index_params=)). One hashtable per index with New-MilvusIndex's names: FieldName,
    /// IndexType (AUTOINDEX by default), MetricType, Name and Parameter.
    /// </summary>
    [Parameter(ParameterSetName = SchemaSet)]
    [Parameter(ParameterSetName = FieldSet)]
    [ValidateNotNullOrEmpty]
    public Hashtable[]? Index { get; set; }

    /// <summary>A description of the collection.</summary>
    [Parameter]
    public string? Description { get; set; }

    /// <summary>The default consistency level of searches and queries (Bounded by default).</summary>
    [Parameter]
    public ConsistencyLevel ConsistencyLevel { get; set; } = ConsistencyLevel.Bounded;

    /// <summary>Number of shards.</summary>
    [Parameter]
    [ValidateRange(1, 64)]
    public int? ShardsNum { get; set; }

    /// <summary>Number of partitions (with a partition key field).</summary>
    [Parameter]
    [ValidateRange(1, 4096)]
    public long? PartitionsNum { get; set; }

    /// <summary>Collection properties, e.g. @{ 'collection.ttl.seconds' = 3600 }.</summary>
    [Parameter]
    public Hashtable? Property { get; set; }

    protected override string ErrorThing => "Collection";

    protected override void ProcessRecord()
    {
        AsyncMilvusClient client = ResolveClient();
        if (!ShouldProcess(DescribeTarget("collection", Name), "Create collection"))
        {
            return;
        }

        var options = new CreateCollectionOptions
        {
            ConsistencyLevel = ConsistencyLevel,
            Description = Description,
            NumShards = ShardsNum,
            NumPartitions = PartitionsNum,
            Properties = Property is null ? null : PropertyConversion.ToDictionary(Property),
            MaxLength = MaxLength,
        };

        IndexParams? indexParams = null;
        try
        {
            indexParams = Index is null ? null : IndexSpecification.Read(Index);
        }
        catch (ArgumentException ex)
        {
            ThrowError("MilvusIndexSpecificationInvalid", ErrorCategory.InvalidArgument, Index, ex.Message);
        }

        Func<CancellationToken, Task> create = ParameterSetName switch
        {
            QuickSet => ct => client.CreateCollectionAsync(Name, Dimension, PrimaryField, IdType.ToLowerInvariant() == "string" ? "string" : "int",
                VectorField, MetricType, AutoId, options: options, cancellationToken: ct),
            SchemaSet => ct => client.CreateCollectionAsync(Name, schema: ModelMapper.ToCollectionSchema(Schema!.Fields, Schema.Functions, Schema.AutoId,
                Schema.EnableDynamicField, Description ?? Schema.Description), options: WithDynamicField(options, Schema.EnableDynamicField), cancellationToken: ct),
            _ => ct => client.CreateCollectionAsync(Name, schema: ModelMapper.ToCollectionSchema(Field!, Function, AutoId, EnableDynamicField, Description ?? string.Empty),
                options: WithDynamicField(options, EnableDynamicField), cancellationToken: ct),
        };

        if (TryInvoke(Name, ct => CreateReadyAsync(client, create, indexParams, ct)) && TryInvoke(Name, ct => CollectionReader.ReadAsync(client, Name, ct), out MilvusCollectionInfo info))
        {
            WriteObject(Stamp(info));
        }
    }

    /// <summary>
    /// Creates the collection, then (with -Index) builds its indexes and loads it, as pymilvus create_collection with
    /// index_params does; unlike pymilvus, a refused index or load drops the new collection again, so a failed
    /// command leaves nothing half made and can simply be run again.
    /// </summary>
    private async Task CreateReadyAsync(AsyncMilvusClient client, Func<CancellationToken, Task> create, IndexParams? indexParams, CancellationToken ct)
    {
        await create(ct).ConfigureAwait(false);
        if (indexParams is null)
        {
            return;
        }

        try
        {
            await client.CreateIndexAsync(Name, indexParams, cancellationToken: ct).ConfigureAwait(false);
            await client.LoadCollectionAsync(Name, cancellationToken: ct).ConfigureAwait(false);
        }
        catch (Exception failure)
        {
            try
            {
                await client.DropCollectionAsync(Name, cancellationToken: CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // The user needs the first error (why the index or load failed), not the clean-up's (often the same outage).
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
            }

            throw;
        }
    }

    private static CreateCollectionOptions WithDynamicField(CreateCollectionOptions options, bool enabled)
    {
        options.EnableDynamicField = enabled;
        return options;
    }
}
