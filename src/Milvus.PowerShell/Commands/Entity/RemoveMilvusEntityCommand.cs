using System.Collections;
using System.Management.Automation;
using Milvus.Client;
using Milvus.PowerShell.Completion;
using Milvus.PowerShell.Internal;
using Milvus.PowerShell.Models;

namespace Milvus.PowerShell.Commands;

/// <summary>
/// Remove-MilvusEntity: pymilvus delete, by primary keys (-Id, also piped entities and hits, sent in batches of
/// -BatchSize keys) or by -Filter. Deleting by filter is treated as ConfirmImpact High: it asks unless -Confirm:$false
/// or -Force, because one expression can match every entity.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "MilvusEntity", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = IdSet)]
[OutputType(typeof(MilvusMutationResult))]
public sealed class RemoveMilvusEntityCommand : EntityCommand
{
    private const string FilterSet = "Filter";
    private const string IdSet = "Id";

    private PipelineBatcher<DeleteTarget, object>? _batcher;
    private long _idNumber;

    [Parameter(Mandatory = true, Position = 1, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
    [Alias("PrimaryKey")]
    public object[] Id { get; set; } = Array.Empty<object>();

    [Parameter(Mandatory = true, Position = 1, ParameterSetName = FilterSet)]
    [ValidateNotNullOrEmpty]
    public string Filter { get; set; } = string.Empty;

    [Parameter(ParameterSetName = FilterSet)]
    public Hashtable? FilterParameter { get; set; }

    [Parameter]
    [ArgumentCompleter(typeof(PartitionNameCompleter))]
    public string? PartitionName { get; set; }

    /// <summary>Keys per delete request when ids are piped (default 1000).</summary>
    [Parameter(ParameterSetName = IdSet)]
    [ValidateRange(1, 16384)]
    public int BatchSize { get; set; } = 1000;

    /// <summary>Delete by -Filter without the extra confirmation.</summary>
    [Parameter(ParameterSetName = FilterSet)]
    public SwitchParameter Force { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        if (!TryGetSchema(out CollectionDescription schema))
        {
            return;
        }

        if (ParameterSetName == FilterSet)
        {
            DeleteByFilter();
            return;
        }

        var target = new DeleteTarget(CurrentTarget(), PartitionName);
        _batcher ??= new PipelineBatcher<DeleteTarget, object>(BatchSize, long.MaxValue, Send, ShouldProcess, Describe)
        {
            Progress = new RowProgress(StartProgress($"Delete from '{CollectionName}'", "Starting"), "deleted"),
        };
        List<object> ids;
        try
        {
            ids = ConvertIds(schema, Id);
        }
        catch (FormatException ex)
        {
            WriteError(new ErrorRecord(ex, "MilvusEntityInvalidValue", ErrorCategory.InvalidData, Id));
            return;
        }

        foreach (object id in ids)
        {
            _batcher.Add(target, id, ++_idNumber);
        }
    }

    protected override void EndProcessing()
    {
        _batcher?.Complete();
        base.EndProcessing();
    }

    private void DeleteByFilter()
    {
        string target = DescribeTarget("collection", CollectionName);
        string action = $"Delete entities matching filter '{Filter}'";
        if (!ShouldProcess(target, action))
        {
            return;
        }

        // Filter deletes behave as ConfirmImpact High: ask unless the user already confirmed, passed -Confirm:$false or -Force.
        bool confirmGiven = MyInvocation.BoundParameters.ContainsKey("Confirm");
        bool wouldPromptAtHigh = GetVariableValue("ConfirmPreference") is ConfirmImpact preference && preference != ConfirmImpact.None && preference <= ConfirmImpact.High;
        if (!Force && !confirmGiven && wouldPromptAtHigh && !ShouldContinue($"{action} in {target}? This cannot be undone.", "Confirm delete by filter"))
        {
            return;
        }

        var client = ResolveClient();
        string collection = CollectionName;
        var filterParams = PropertyConversion.ToDictionaryOrNull(FilterParameter);
        if (TryInvoke(collection, ct => client.DeleteAsync(collection, null, Filter, PartitionName, filterParams, cancellationToken: ct), out MutationResult result))
        {
            WriteResult(result, collection);
        }
    }

    private static (string Target, string Action) Describe(PipelineBatch<DeleteTarget, object> batch)
    {
        var (connection, database, collection) = batch.Target.Entity;
        var ids = batch.Items;
        string preview = string.Join(", ", ids.Take(5)) + (ids.Count > 5 ? ", ..." : string.Empty);
        return ($"collection '{collection}' in db '{database}' @ {connection.Uri}", $"Delete {ids.Count} entit{(ids.Count == 1 ? "y" : "ies")} by id ({preview})");
    }

    /// <summary>Starts deleting a batch of keys; what it returns waits for the reply and writes the -PassThru result.</summary>
    private Func<bool> Send(PipelineBatch<DeleteTarget, object> batch)
    {
        var (connection, database, collection) = batch.Target.Entity;
        var ids = batch.Items;
        string? partition = batch.Target.Partition;
        var client = connection.ClientFor(database);
        return BeginTryInvoke(ids.ToArray(), ct => client.DeleteAsync(collection, ids, null, partition, cancellationToken: ct),
            result => WriteResult(result, collection));
    }

    private void WriteResult(MutationResult result, string collection)
    {
        if (PassThru)
        {
            WriteObject(Stamp(new MilvusMutationResult
            {
                Operation = "Delete",
                CollectionName = collection,
                PartitionName = PartitionName ?? string.Empty,
                DeleteCount = result.DeleteCount,
                Ids = result.Ids.ToArray(),
                Cost = result.Cost,
                Batch = 1,
            }));
        }
    }
}

/// <summary>Where a batch of keys is deleted: the collection and the partition (-PartitionName, possibly none).</summary>
internal sealed record DeleteTarget(EntityTarget Entity, string? Partition);
