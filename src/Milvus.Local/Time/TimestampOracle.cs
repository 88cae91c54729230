namespace Milvus.Local.Time;

/// <summary>
/// Hybrid timestamps as Milvus's TSO makes them: physical milliseconds shifted left 18 bits plus a logical
/// counter. Strictly increasing within the engine, also across restarts (seeded with the largest stored value).
/// The same sequence allocates collection, partition, index and segment ids and auto_id primary keys.
/// </summary>
internal sealed class TimestampOracle
{
    public const int LogicalBits = 18;
    private readonly object _gate = new();
    private ulong _last;

    public TimestampOracle(ulong seed) => _last = seed;

    public ulong Last { get { lock (_gate) return _last; } }

    public ulong Next() => NextRange(1);

    /// <summary>Reserves <paramref name="count"/> consecutive values and returns the first.</summary>
    public ulong NextRange(int count)
    {
        lock (_gate)
        {
            var now = (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() << LogicalBits;
            var first = Math.Max(now, _last + 1);
            _last = first + (ulong)Math.Max(count, 1) - 1;
            return first;
        }
    }

    public static ulong PhysicalMilliseconds(ulong ts) => ts >> LogicalBits;
}
