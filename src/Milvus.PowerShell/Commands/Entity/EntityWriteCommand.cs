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

    private readonly EntityBatch _batch = new();
    private (MilvusConnection Connection, string Database, string Collection, string Partition)? _target;
    private (MilvusConnection Connection, string Database, string Collection, string Partition)? _unusableTarget;
    private long _skippedRows;
    private EntityRowBuilder? _builder;
    private long _rowNumber;
    private int _batchNumber;
    private long _rowsWritten;
    private RowProgress? _progress;

    /// <summary>The rows: hashtables, PSCustomObjects, Import-Csv rows or any objects whose properties are fields.</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true)]
    [AllowEmptyCollection]
    public object[] InputObject { get; set; } = Array.Empty<object>();

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
        var connection = ResolveConnection();
        var target = (connection, ResolveDatabase(), CollectionName, PartitionName ?? string.Empty);
        _progress ??= new RowProgress(StartProgress($"{Operation} into '{CollectionName}'", "Starting"), "written");
        if (_target is not null && _target != target)
        {
            Flush();   // piped objects switched collection, partition or connection: send what belongs to the old one
        }

        if (_unusableTarget == target)
        {
            _skippedRows += InputObject.Length;   // its error was written once, for the first row
            return;
        }

        if (_target != target || _builder is null)
        {
            _target = target;
            if (!TryGetSchema(out CollectionDescription schema))
            {
                _target = null;
                _unusableTarget = target;
                _skippedRows += InputObject.Length;
                return;
            }

            _builder = new EntityRowBuilder(schema, upsert: Operation == "Upsert", partial: Partial);
        }

        foreach (object? item in InputObject)
        {
            if (item is null)
            {
                continue;
            }

            _rowNumber++;
            AddRow(item);
            if (_batch.IsFull(BatchSize, MaxBatchBytes))
            {
                Flush();
            }
        }
    }

    protected override void EndProcessing()
    {
        Flush();
        _progress?.Complete();
        if (_skippedRows > 0)
        {
            WriteVerbose(string.Create(CultureInfo.InvariantCulture, $"{_skippedRows} input object(s) were not written because their collection could not be described."));
        }

        base.EndProcessing();
    }

    private void AddRow(object item)
    {
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

        _batch.Add(row!, _rowNumber);
    }

    private void Flush()
    {
        if (_batch.Count == 0 || _target is null)
        {
            _batch.Clear();
            return;
        }

        var (connection, database, collection, partition) = _target.Value;
        _batchNumber++;
        long first = _batch.RowNumbers[0];
        long last = _batch.RowNumbers[^1];
        string what = $"{Operation} {_batch.Count} entit{(_batch.Count == 1 ? "y" : "ies")} (rows {first}-{last})";
        string targetText = $"collection '{collection}'{(partition.Length > 0 ? $" partition '{partition}'" : string.Empty)} in db '{database}' @ {connection.Uri}";
        if (ShouldProcess(targetText, what))
        {
            var rows = _batch.Rows.ToList();
            var client = connection.ClientFor(Database);
            WriteVerbose(string.Create(CultureInfo.InvariantCulture, $"{what}: about {_batch.EstimatedBytes} bytes."));
            bool sent = TryInvoke($"{collection} batch {_batchNumber}", ct => SendAsync(client, collection, rows, partition, ct), out MutationResult result);
            if (sent)
            {
                _rowsWritten += rows.Count;
                if (_batchNumber > 1)
                {
                    _progress?.Report(_rowsWritten);   // one batch is not bulk work, however long the server took
                }
            }

            if (sent && PassThru)
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
                    Batch = _batchNumber,
                });
            }
        }

        _batch.Clear();
    }
}
