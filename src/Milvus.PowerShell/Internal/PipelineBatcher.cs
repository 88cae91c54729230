namespace Milvus.PowerShell.Internal;

/// <summary>
/// The one pipeline batcher of the entity cmdlets (Add-/Set-/Remove-/Search-MilvusEntity): collects piped items for
/// one target (connection, database, collection...), sends them at <see cref="MaxItems"/> items or
/// <see cref="MaxBytes"/> estimated bytes, or when the target changes, asks ShouldProcess once per batch and reports
/// row progress from the second batch on (one batch is not bulk work, however long the server took). One batch is in
/// flight while the next one fills: piped rows are bound and converted while the previous batch is being sent, so the
/// pipeline's per-object cost hides behind the server's work.
/// </summary>
/// <typeparam name="TTarget">Where a batch goes; compared by value, so use a record or tuple.</typeparam>
/// <typeparam name="TItem">One row, key or query.</typeparam>
internal sealed class PipelineBatcher<TTarget, TItem>
    where TTarget : notnull
{
    private readonly List<TItem> _items = new();
    private readonly Func<PipelineBatch<TTarget, TItem>, Func<bool>> _send;
    private readonly Func<PipelineBatch<TTarget, TItem>, (string Target, string Action)>? _describe;
    private readonly Func<string, string, bool>? _shouldProcess;
    private TTarget? _target;
    private long _bytes;
    private long _firstRow;
    private long _lastRow;
    private (PipelineBatch<TTarget, TItem> Batch, Func<bool> Finish)? _inFlight;

    /// <param name="send">
    /// Starts sending a batch and returns what finishes it, on the pipeline thread: true when it was written (a failure
    /// has been reported by then).
    /// </param>
    /// <param name="shouldProcess">The cmdlet's ShouldProcess(target, action); null when the verb changes nothing (Search).</param>
    /// <param name="describe">The ShouldProcess target and action text of a batch; needed with <paramref name="shouldProcess"/>.</param>
    public PipelineBatcher(int maxItems, long maxBytes, Func<PipelineBatch<TTarget, TItem>, Func<bool>> send,
        Func<string, string, bool>? shouldProcess = null, Func<PipelineBatch<TTarget, TItem>, (string Target, string Action)>? describe = null)
    {
        MaxItems = maxItems;
        MaxBytes = maxBytes;
        _send = send;
        _shouldProcess = shouldProcess;
        _describe = describe;
    }

    public int MaxItems { get; }

    public long MaxBytes { get; }

    /// <summary>Row progress (rows done and rate), reported after each sent batch from the second on; optional.</summary>
    public RowProgress? Progress { get; set; }

    /// <summary>Items successfully sent so far.</summary>
    public long ItemsSent { get; private set; }

    /// <summary>Batches flushed so far (sent, skipped by ShouldProcess or failed).</summary>
    public int BatchCount { get; private set; }

    /// <summary>Items waiting to be sent.</summary>
    public int Pending => _items.Count;

    /// <summary>
    /// Queues one item (<paramref name="rowNumber"/> is its 1-based input position, for messages). A new target first
    /// sends what the old one holds; a full batch is sent at once.
    /// </summary>
    public void Add(TTarget target, TItem item, long rowNumber, long estimatedBytes = 0)
    {
        if (_items.Count > 0 && !EqualityComparer<TTarget>.Default.Equals(_target!, target))
        {
            Flush();
        }

        if (_items.Count == 0)
        {
            _target = target;
            _firstRow = rowNumber;
        }

        _items.Add(item);
        _lastRow = rowNumber;
        _bytes += estimatedBytes;
        if (_items.Count >= MaxItems || _bytes >= MaxBytes)
        {
            Flush();
        }
    }

    /// <summary>
    /// Starts sending the pending items, if any, after the batch in flight has finished (so output and errors keep
    /// their order); call whenever the items must go now.
    /// </summary>
    public void Flush()
    {
        if (_items.Count == 0)
        {
            return;
        }

        var batch = new PipelineBatch<TTarget, TItem>(_target!, _items.ToArray(), _firstRow, _lastRow, ++BatchCount, _bytes);
        _items.Clear();
        _bytes = 0;
        FinishInFlight();
        if (_shouldProcess is not null)
        {
            var (target, action) = _describe!(batch);
            if (!_shouldProcess(target, action))
            {
                return;
            }
        }

        _inFlight = (batch, _send(batch));
    }

    /// <summary>Sends the pending items, waits for every batch and closes the progress bar; call at EndProcessing.</summary>
    public void Complete()
    {
        try
        {
            Flush();
            FinishInFlight();
        }
        finally
        {
            Progress?.Complete();
        }
    }

    private void FinishInFlight()
    {
        if (_inFlight is not { } inFlight)
        {
            return;
        }

        _inFlight = null;
        if (inFlight.Finish())
        {
            ItemsSent += inFlight.Batch.Items.Count;
            if (inFlight.Batch.Number > 1)
            {
                Progress?.Report(ItemsSent);
            }
        }
    }
}

/// <summary>One batch of a <see cref="PipelineBatcher{TTarget, TItem}"/>: its target, items, input row range, number and size.</summary>
internal sealed record PipelineBatch<TTarget, TItem>(TTarget Target, IReadOnlyList<TItem> Items, long FirstRow, long LastRow, int Number, long EstimatedBytes)
{
    /// <summary>"3 entities (rows 1-3)" / "1 entity (row 7)".</summary>
    public string Describe(string singular, string plural) =>
        $"{Items.Count} {(Items.Count == 1 ? singular : plural)} ({(FirstRow == LastRow ? $"row {FirstRow}" : $"rows {FirstRow}-{LastRow}")})";
}
