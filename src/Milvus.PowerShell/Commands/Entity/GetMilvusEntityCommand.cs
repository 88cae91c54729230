using System.Collections;
using System.Management.Automation;
using Milvus.Client;
using Milvus.PowerShell.Completion;
using Milvus.PowerShell.Internal;

namespace Milvus.PowerShell.Commands;

/// <summary>
/// Get-MilvusEntity: pymilvus get (-Id) and query (-Filter). With -First/-Skip it sends one query with limit/offset;
/// without -First it streams every match through the query iterator (pymilvus query_iterator), page by page, so
/// memory stays flat and <c>Select-Object -First</c> stops it cleanly.
/// </summary>
[Cmdlet(VerbsCommon.Get, "MilvusEntity", DefaultParameterSetName = FilterSet, SupportsPaging = true)]
[OutputType("Milvus.Entity")]
public sealed class GetMilvusEntityCommand : EntityCommand
{
    private const string FilterSet = "Filter";
    private const string IdSet = "Id";

    /// <summary>A Milvus boolean expression (see about_Milvus_Filters); without it, every entity.</summary>
    [Parameter(Position = 1, ParameterSetName = FilterSet)]
    [AllowEmptyString]
    public string Filter { get; set; } = string.Empty;

    /// <summary>Values for {name} placeholders in -Filter (pymilvus filter_params).</summary>
    [Parameter(ParameterSetName = FilterSet)]
    public Hashtable? FilterParameter { get; set; }

    /// <summary>
    /// Milvus 3.0 ORDER BY (pymilvus order_by_fields): "field", "field:desc" or "field:asc:nulls_first" (or as SQL
    /// writes it, "field desc nulls first"), in priority order. Needs -First (Milvus requires a limit); rows equal on every field keep primary-key order.
    /// </summary>
    [Parameter(ParameterSetName = FilterSet)]
    [ArgumentCompleter(typeof(FieldNameCompleter))]
    public string[]? OrderBy { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
    [Alias("PrimaryKey")]
    public object[] Id { get; set; } = Array.Empty<object>();

    /// <summary>Fields to return (pymilvus output_fields); default every field ("*").</summary>
    [Parameter]
    [Alias("OutputField")]
    [ArgumentCompleter(typeof(FieldNameCompleter))]
    public string[]? Property { get; set; }

    [Parameter]
    [ArgumentCompleter(typeof(PartitionNameCompleter))]
    public string[]? PartitionName { get; set; }

    [Parameter]
    public ConsistencyLevel? ConsistencyLevel { get; set; }

    /// <summary>Rows per page when streaming (pymilvus query_iterator batch_size; default 1000).</summary>
    [Parameter]
    [ValidateRange(1, 16384)]
    public int BatchSize { get; set; } = 1000;

    protected override void ProcessRecord()
    {
        if (!TryGetSchema(out CollectionDescription schema))
        {
            return;
        }

        var output = OutputFor(schema);
        var client = ResolveClient();
        string collection = CollectionName;
        IReadOnlyList<string>? fields = Property;
        IReadOnlyList<string>? partitions = PartitionName;

        if (ParameterSetName == IdSet)
        {
            var ids = ConvertIds(schema, Id);
            if (TryInvoke(Id, ct => client.GetAsync(collection, ids, fields, partitions, cancellationToken: ct), out QueryResult rows))
            {
                WriteRows(output, rows.Skip((int)Math.Min(PagingParameters.Skip, int.MaxValue)).Take(FirstOrAll));
            }

            return;
        }

        var filterParams = PropertyConversion.ToDictionaryOrNull(FilterParameter);
        if (PagingParameters.IncludeTotalCount)
        {
            var countOptions = new QueryOptions { FilterParams = filterParams, ConsistencyLevel = ConsistencyLevel };
            if (TryInvoke(collection, ct => client.QueryAsync(collection, new EntityQuery { Filter = Filter, OutputFields = ["count(*)"], PartitionNames = partitions, Options = countOptions }, cancellationToken: ct), out QueryResult count))
            {
                ulong total = Convert.ToUInt64(count.Count > 0 ? count[0]["count(*)"] : 0L, System.Globalization.CultureInfo.InvariantCulture);
                WriteObject(PagingParameters.NewTotalCount(total, 1.0));
            }
        }

        if (OrderBy is { Length: > 0 } && PagingParameters.First == ulong.MaxValue)
        {
            ThrowError("MilvusOrderByNeedsFirst", ErrorCategory.InvalidArgument, OrderBy,
                "-OrderBy needs -First: Milvus sorts only a query with a limit (ORDER BY requires explicit limit).");
        }

        if (PagingParameters.First != ulong.MaxValue)
        {
            var options = new QueryOptions
            {
                Limit = (long)PagingParameters.First,
                Offset = PagingParameters.Skip > 0 ? (long)PagingParameters.Skip : null,
                FilterParams = filterParams,
                ConsistencyLevel = ConsistencyLevel,
                OrderByFields = OrderBy?.Select(SplitOrder).ToList(),
            };
            if (PagingParameters.First > 0
                && TryInvoke(collection, ct => client.QueryAsync(collection, new EntityQuery { Filter = Filter, OutputFields = fields, PartitionNames = partitions, Options = options }, cancellationToken: ct), out QueryResult page))
            {
                WriteRows(output, page);
            }

            return;
        }

        var iteratorOptions = new QueryIteratorOptions { Offset = (long)PagingParameters.Skip, FilterParams = filterParams, ConsistencyLevel = ConsistencyLevel };
        var progress = new RowProgress(StartProgress($"Query '{collection}'", "Starting"), "read");
        try
        {
            foreach (var batch in InvokeStream(ct => client.QueryIterator(collection, BatchSize, -1, Filter, fields, partitions, iteratorOptions, cancellationToken: ct)))
            {
                WriteRows(output, batch);
                progress.Page(batch.Count);
            }
        }
        catch (Exception ex) when (ex is not PipelineStoppedException and not RuntimeException)
        {
            WriteFailure(ex, collection);
        }
        finally
        {
            progress.Complete();
        }
    }

    /// <summary>"price:desc:nulls_last" → ("price", "desc:nulls_last"); a bare field name is ascending.</summary>
    /// <summary>"field", "field:desc:nulls_first", or as SQL writes it, "field desc nulls first".</summary>
    private static (string Field, string Order) SplitOrder(string spec)
    {
        spec = spec.Trim();
        if (!spec.Contains(':'))
        {
            string[] words = spec.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            string order = string.Join(' ', words.Skip(1)).ToLowerInvariant()
                .Replace("nulls first", "nulls_first", StringComparison.Ordinal).Replace("nulls last", "nulls_last", StringComparison.Ordinal);
            return words.Length < 2 ? (spec, "asc") : (words[0], order.Replace(' ', ':'));
        }

        int colon = spec.IndexOf(':');
        return (spec[..colon].Trim(), spec[(colon + 1)..].Trim());
    }

    private int FirstOrAll => PagingParameters.First >= int.MaxValue ? int.MaxValue : (int)PagingParameters.First;

    private void WriteRows(EntityOutput output, IEnumerable<IReadOnlyDictionary<string, object?>> rows)
    {
        foreach (var row in rows)
        {
            WriteObject(output.Entity(row));
        }
    }
}
