using Grpc.Core;
using Milvus.Local;

namespace Milvus.Client.Internal.Transport;

/// <summary>
/// One local engine per full .db path per process, shared by every client that opens it (ref-counted):
/// the last client to close closes the engine.
/// </summary>
internal static class LocalEngineRegistry
{
    private static readonly object s_gate = new();
    private static readonly Dictionary<string, Entry> s_engines = new(OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);

    private sealed class Entry(MilvusLocalEngine engine)
    {
        public MilvusLocalEngine Engine { get; } = engine;
        public int References;
    }

    /// <summary>A client's hold on a shared engine; disposing it releases the hold.</summary>
    internal sealed class Lease : IAsyncDisposable
    {
        private readonly string _path;
        private int _released;

        public Lease(string path, CallInvoker invoker)
        {
            _path = path;
            Invoker = invoker;
        }

        public CallInvoker Invoker { get; }

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 1) return ValueTask.CompletedTask;
            return Release(_path);
        }
    }

    public static Lease Acquire(string fullPath, LocalEngineOptions? options)
    {
        lock (s_gate)
        {
            if (!s_engines.TryGetValue(fullPath, out var entry))
            {
                entry = new Entry(LocalInvokerAdapter.Open(fullPath, options));
                s_engines[fullPath] = entry;
            }
            // A client asking for authorization secures an engine another client opened without it (the setting sticks).
            if (options?.AuthorizationEnabled == true) entry.Engine.EnableAuthorization();
            entry.References++;
            return new Lease(fullPath, LocalInvokerAdapter.CreateInvoker(entry.Engine));
        }
    }

    /// <summary>Number of clients holding the engine of this path (0 = closed).</summary>
    public static int ReferenceCount(string fullPath)
    {
        lock (s_gate) return s_engines.TryGetValue(fullPath, out var e) ? e.References : 0;
    }

    private static ValueTask Release(string fullPath)
    {
        MilvusLocalEngine? toClose = null;
        lock (s_gate)
        {
            if (s_engines.TryGetValue(fullPath, out var entry) && --entry.References <= 0)
            {
                s_engines.Remove(fullPath);
                toClose = entry.Engine;
            }
        }
        return toClose?.DisposeAsync() ?? ValueTask.CompletedTask;
    }
}
