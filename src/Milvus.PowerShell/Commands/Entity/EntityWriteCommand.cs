using System.Globalization;
using System.Management.Automation;
using Milvus.Client;
using Milvus.PowerShell.Completion;
using Milvus.PowerShell.Internal;
using Milvus.PowerShell.Models;

namespace Milvus.PowerShell.Commands;

/// <summary>
/// Shared engine of Add-MilvusEntity (insert) and Set-MilvusEntity (upsert): converts each piped object to a row by
/// the collection schema, reports bad rows as non-terminating errors naming the row, and sends rows in batches of
/// -BatchSize rows or -MaxBatchBytes bytes, asking ShouldProcess once per batch.
/// </summary>
public abstract class EntityWriteCommand : EntityCommand
{
    /// <summary>16 MiB: a quarter of Milvus's 64 MiB gRPC message cap, leaving room for protobuf framing.</summary>
    public const long DefaultMaxBatchBytes = 16L * 1024 * 1024;

    private PipelineBatcher<WriteTarget, IReadOnlyDictionary<string, object?>>? _batcher;
    private WriteTarget? _unusableTarget;
    private long _skippedRows;
    private EntityRowBuilder? _builder;
    private WriteTarget? _builderTarget;
    private long _rowNumber;

    /// <summary>
    /// The rows: hashtables, PSCustomObjects, Import-Csv rows or any objects whose properties are fields; an array given
    /// to -InputObject is its rows. Typed object, not object[]: binding each piped row to an array parameter costs
    /// PowerShell far more per row than the rest of the row's work.
    /// </summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true)]
    [AllowEmptyCollection]
    public object InputObject { get; set; } = Array.Empty<object>();

    [Parameter]
    [ArgumentCompleter(typeof(PartitionNameCompleter))]
    public string? PartitionName { get; set; }

    /// <summary>Rows per request (default 1000).</summary>
    [Parameter]
    [ValidateRange(1, 1_000_000)]
    public int BatchSize { get; set; } = 1000;

    /// <summary>Most estimated bytes per request (default 16 MiB; Milvus refuses messages over 64 MiB).</summary>
    [Parameter]
    [ValidateRange(1024, 64L * 1024 * 1024)]
    public long MaxBatchBytes { get; set; } = DefaultMaxBatchBytes;

    /// <summary>Properties that are not fields (on a collection without dynamic field) are errors, not Verbose notes.</summary>
    [Parameter]
    public SwitchParameter Strict { get; set; }

    /// <summary>Write one MilvusMutationResult per batch.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>"Insert" or "Upsert".</summary>
    protected abstract string Operation { get; }

    /// <summary>Partial upsert: only given fields are required.</summary>
    protected virtual bool Partial => false;

    protected abstract Task<MutationResult> SendAsync(AsyncMilvusClient client, string collection, IReadOnlyList<IReadOnlyDictionary<string, object?>> rows,
        string partition, CancellationToken cancellationToken);

    protected override void ProcessRecord()
    {
        var target = new WriteTarget(ResolveConnection(), ResolveDatabase(), CollectionName, PartitionName ?? string.Empty);
        _batcher ??= new PipelineBatcher<WriteTarget, IReadOnlyDictionary<string, object?>>(BatchSize, MaxBatchBytes, Send, ShouldProcess, Describe)
        {
            Progress = new RowProgress(StartProgress($"{Operation} into '{CollectionName}'", "Starting"), "written"),
        };
        if (target == _unusableTarget)
        {
            _skippedRows += InputRows().Count();   // its error was written once, for the first row
            return;
        }

        if (target != _builderTarget)
        {
            _batcher.Flush();   // piped objects switched collection, partition or connection: send what belongs to the old one
            if (!TryGetSchema(out CollectionDescription schema))
            {
                _unusableTarget = target;
                _skippedRows += InputRows().Count();
                return;
            }

            _builder = new EntityRowBuilder(schema, upsert: Operation == "Upsert", partial: Partial);
            _builderTarget = target;
        }

        foreach (object? item in InputRows())
        {
            if (item is not null)
            {
                AddRow(target, item);
            }
        }
    }

    /// <summary>The rows of this pipeline item: the elements of an array (given to -InputObject or piped whole), else the item.</summary>
    private IEnumerable<object?> InputRows()
    {
        object? value = InputObject is PSObject { BaseObject: not PSCustomObject } wrapped ? wrapped.BaseObject : InputObject;
        return LanguagePrimitives.GetEnumerable(value) is { } many ? many.Cast<object?>() : [InputObject];
    }

    protected override void EndProcessing()
    {
        _batcher?.Complete();
        if (_skippedRows > 0)
        {
            WriteVerbose(string.Create(CultureInfo.InvariantCulture, $"{_skippedRows} input object(s) were not written because their collection could not be described."));
        }

        base.EndProcessing();
    }

    private void AddRow(WriteTarget target, object item)
    {
        _rowNumber++;
        var row = _builder!.Build(item, out RowProblem? problem);
        if (problem is not null)
        {
            WriteError(new ErrorRecord(new FormatException($"Row {_rowNumber}: {problem.Message}."), problem.ErrorId, ErrorCategory.InvalidData, item));
            return;
        }

        if (_builder.DroppedProperties.Count > 0)
        {
            string dropped = string.Join("', '", _builder.DroppedProperties);
            string message = $"Row {_rowNumber}: '{dropped}' {(_builder.DroppedProperties.Count == 1 ? "is not a field" : "are not fields")} of collection '{CollectionName}', which has no dynamic field";
            if (Strict)
            {
                WriteError(new ErrorRecord(new FormatException(message + "."), "MilvusEntityUnknownField", ErrorCategory.InvalidData, item));
                return;
            }

            WriteVerbose(message + "; ignored.");
        }

        _batcher!.Add(target, row!, _rowNumber, EntityBatch.Estimate(row!));
    }

    private (string Target, string Action) Describe(PipelineBatch<WriteTarget, IReadOnlyDictionary<string, object?>> batch)
    {
        var (connection, database, collection, partition) = batch.Target;
        string partitionText = partition.Length > 0 ? $" partition '{partition}'" : string.Empty;
        return ($"collection '{collection}'{partitionText} in db '{database}' @ {connection.Uri}", $"{Operation} {batch.Describe("entity", "entities")}");
    }

    /// <summary>Starts sending a batch of rows; what it returns waits for the reply and writes the -PassThru result.</summary>
    private Func<bool> Send(PipelineBatch<WriteTarget, IReadOnlyDictionary<string, object?>> batch)
    {
        var (connection, database, collection, partition) = batch.Target;
        var rows = batch.Items;
        var client = connection.ClientFor(database);
        WriteVerbose(string.Create(CultureInfo.InvariantCulture, $"{Operation} {batch.Describe("entity", "entities")}: about {batch.EstimatedBytes} bytes."));
        return BeginTryInvoke($"{collection} batch {batch.Number}", ct => SendAsync(client, collection, rows, partition, ct), result =>
        {
            if (PassThru)
            {
                WriteObject(new MilvusMutationResult
                {
                    Connection = connection,
                    DatabaseName = database,
                    Operation = Operation,
                    CollectionName = collection,
                    PartitionName = partition,
                    InsertCount = result.InsertCount,
                    UpsertCount = result.UpsertCount,
                    DeleteCount = result.DeleteCount,
                    Ids = result.Ids.ToArray(),
                    Cost = result.Cost,
                    Batch = batch.Number,
                });
            }
        });
    }

    /// <summary>The connection, database, collection and partition a batch of rows goes to.</summary>
    private sealed record WriteTarget(MilvusConnection Connection, string Database, string Collection, string Partition);
}
