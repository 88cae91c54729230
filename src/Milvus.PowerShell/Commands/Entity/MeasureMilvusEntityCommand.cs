using System.Collections;
using System.Globalization;
using System.Management.Automation;
using Milvus.Client;
using Milvus.PowerShell.Completion;
using Milvus.PowerShell.Internal;

namespace Milvus.PowerShell.Commands;

/// <summary>Measure-MilvusEntity: the number of entities (pymilvus query with output_fields=["count(*)"]), optionally filtered.</summary>
[Cmdlet(VerbsDiagnostic.Measure, "MilvusEntity")]
[OutputType(typeof(long))]
public sealed class MeasureMilvusEntityCommand : EntityCommand
{
    [Parameter(Position = 1)]
    [AllowEmptyString]
    public string Filter { get; set; } = string.Empty;

    [Parameter]
    public Hashtable? FilterParameter { get; set; }

    [Parameter]
    [ArgumentCompleter(typeof(PartitionNameCompleter))]
    public string[]? PartitionName { get; set; }

    [Parameter]
    public ConsistencyLevel? ConsistencyLevel { get; set; }

    protected override void ProcessRecord()
    {
        var client = ResolveClient();
        string collection = CollectionName;
        var options = new QueryOptions { FilterParams = PropertyConversion.ToDictionaryOrNull(FilterParameter), ConsistencyLevel = ConsistencyLevel };
        IReadOnlyList<string>? partitions = PartitionName;
        if (TryInvoke(collection, ct => client.QueryAsync(collection, new EntityQuery { Filter = Filter, OutputFields = ["count(*)"], PartitionNames = partitions, Options = options }, cancellationToken: ct), out QueryResult rows))
        {
            object? count = rows.Count > 0 && rows[0].TryGetValue("count(*)", out object? value) ? JsonValues.ToOutput(value) : 0L;
            WriteObject(Convert.ToInt64(count, CultureInfo.InvariantCulture));
        }
    }
}
