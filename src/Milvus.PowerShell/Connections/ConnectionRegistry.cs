using System.Collections.Concurrent;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using Milvus.PowerShell.Models;

namespace Milvus.PowerShell.Connections;

/// <summary>
/// The connections of each runspace: its default connection and the named ones. Keyed on the Runspace (never a
/// static default, never a global variable), so ForEach-Object -Parallel and thread jobs don't share a default by
/// accident; a connection object passed with $using: still works anywhere. Also tracks every open connection of the
/// process so that removing the module closes them.
/// </summary>
internal static class ConnectionRegistry
{
    private static readonly ConditionalWeakTable<Runspace, RunspaceConnections> PerRunspace = new();
    private static readonly ConcurrentDictionary<MilvusConnection, byte> Open = new();

    /// <summary>The default connection of the current runspace, or null.</summary>
    public static MilvusConnection? Default => Current()?.Default;

    /// <summary>Adds a new connection to the current runspace, optionally as its default.</summary>
    public static void Register(MilvusConnection connection, bool makeDefault)
    {
        Open.TryAdd(connection, 0);
        RunspaceConnections state = PerRunspace.GetValue(CurrentRunspace(), _ => new RunspaceConnections());
        lock (state)
        {
            state.ByName[connection.Name] = connection;
            if (makeDefault)
            {
                state.Default = connection;
            }
        }
    }

    /// <summary>Forgets a closed connection in the current runspace (and clears the default if it was it).</summary>
    public static void Unregister(MilvusConnection connection)
    {
        Open.TryRemove(connection, out _);
        RunspaceConnections? state = Current();
        if (state is null)
        {
            return;
        }

        lock (state)
        {
            if (state.ByName.TryGetValue(connection.Name, out MilvusConnection? named) && ReferenceEquals(named, connection))
            {
                state.ByName.Remove(connection.Name);
            }

            if (ReferenceEquals(state.Default, connection))
            {
                state.Default = null;
            }
        }
    }

    /// <summary>Makes an existing connection the default of the current runspace.</summary>
    public static void SetDefault(MilvusConnection connection)
    {
        RunspaceConnections state = PerRunspace.GetValue(CurrentRunspace(), _ => new RunspaceConnections());
        lock (state)
        {
            state.ByName.TryAdd(connection.Name, connection);
            state.Default = connection;
        }
    }

    /// <summary>True when <paramref name="connection"/> is the current runspace's default.</summary>
    public static bool IsDefault(MilvusConnection connection) => ReferenceEquals(Current()?.Default, connection);

    /// <summary>The current runspace's connections, default first, then by name.</summary>
    public static IReadOnlyList<MilvusConnection> List()
    {
        RunspaceConnections? state = Current();
        if (state is null)
        {
            return [];
        }

        lock (state)
        {
            return state.ByName.Values
                .OrderByDescending(c => ReferenceEquals(c, state.Default))
                .ThenBy(c => c.Name, StringComparer.OrdinalIgnoreCase)
                .ToList();
        }
    }

    /// <summary>Finds a connection of the current runspace by name (case-insensitive).</summary>
    public static MilvusConnection? Find(string name)
    {
        RunspaceConnections? state = Current();
        if (state is null)
        {
            return null;
        }

        lock (state)
        {
            return state.ByName.TryGetValue(name, out MilvusConnection? connection) ? connection : null;
        }
    }

    /// <summary>A name not used yet in the current runspace: the host part of the URI, then name2, name3...</summary>
    public static string UniqueName(string baseName)
    {
        string candidate = baseName;
        for (int i = 2; Find(candidate) is not null; i++)
        {
            candidate = baseName + i;
        }

        return candidate;
    }

    /// <summary>Closes every open connection of the process (module removal).</summary>
    public static void CloseAll()
    {
        foreach (MilvusConnection connection in Open.Keys)
        {
            Open.TryRemove(connection, out _);
            connection.Close();
        }

        foreach (KeyValuePair<Runspace, RunspaceConnections> entry in PerRunspace)
        {
            lock (entry.Value)
            {
                entry.Value.ByName.Clear();
                entry.Value.Default = null;
            }
        }
    }

    private static RunspaceConnections? Current() =>
        Runspace.DefaultRunspace is { } runspace && PerRunspace.TryGetValue(runspace, out RunspaceConnections? state) ? state : null;

    private static Runspace CurrentRunspace() =>
        Runspace.DefaultRunspace ?? throw new InvalidOperationException("Milvus connections need a PowerShell runspace on the current thread.");

    private sealed class RunspaceConnections
    {
        public Dictionary<string, MilvusConnection> ByName { get; } = new(StringComparer.OrdinalIgnoreCase);

        public MilvusConnection? Default { get; set; }
    }
}
