using System.Collections.Concurrent;
using Milvus.Client;
using Milvus.PowerShell.Connections;

namespace Milvus.PowerShell.Models;

/// <summary>
/// An open connection to a Milvus server or a local .db file, made by Connect-Milvus. Pass it with -Connection (also
/// across runspaces, e.g. ForEach-Object -Parallel with $using:); every output object carries the one it came from.
/// Secrets are never stored in properties and never appear in <see cref="ToString"/>.
/// </summary>
public sealed class MilvusConnection
{
    private readonly ConcurrentDictionary<string, AsyncMilvusClient> _otherDatabases = new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private AsyncMilvusClient? _client;
    private string _database;

    /// <param name="client">The connected client for the connection's first database; it owns the one channel.</param>
    internal MilvusConnection(string name, MilvusEndpoint endpoint, AsyncMilvusClient client, string? user, MilvusAuthType authType)
    {
        Name = name;
        Endpoint = endpoint;
        _client = client;
        _database = client.DbName;
        User = user;
        AuthType = authType.ToString();
        ConnectedAt = DateTimeOffset.Now;
    }

    /// <summary>The connection's name in this session (for -Connection by name); defaults to the host or file name.</summary>
    public string Name { get; }

    /// <summary>Where it points, without credentials: http(s)://host:port, unix:path, or the full path of a .db file.</summary>
    public string Uri => Endpoint.DisplayUri;

    /// <summary>The current database (see Use-MilvusDatabase); "default" unless the URI, -Database or Use-MilvusDatabase chose another.</summary>
    public string Database => EffectiveDatabase(null);

    /// <summary>The user name, when -Credential was used.</summary>
    public string? User { get; }

    /// <summary>How the connection authenticates (None, Password, Token; MilvusAuthType names) as text, so ConvertTo-Json writes the name.</summary>
    public string AuthType { get; }

    /// <summary>The server's version (build tag), read at connect time.</summary>
    public string? ServerVersion { get; internal set; }

    /// <summary>True when the transport uses TLS (https).</summary>
    public bool IsTls => Endpoint.IsTls;

    /// <summary>True for the built-in local engine (a .db file, no server).</summary>
    public bool IsLocal => Endpoint.IsLocal;

    public DateTimeOffset ConnectedAt { get; }

    /// <summary>
    /// How long a call may take, retries included, before it fails (Connect-Milvus -CallTimeoutSec; a cmdlet's
    /// -TimeoutSec overrides it); null means no limit. 20 s by default for servers, none for local .db files.
    /// </summary>
    public TimeSpan? CallTimeout { get; internal set; }

    /// <summary>True while the connection is open (Disconnect-Milvus closes it).</summary>
    public bool IsOpen { get; private set; } = true;

    /// <summary>True when this is the current runspace's default connection.</summary>
    public bool IsDefault => ConnectionRegistry.IsDefault(this);

    internal MilvusEndpoint Endpoint { get; }

    /// <summary>The client for the current database.</summary>
    internal AsyncMilvusClient Client
    {
        get
        {
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(!IsOpen, this);
                return _client!;
            }
        }
    }

    /// <summary>
    /// The client for <paramref name="database"/> (a cmdlet's -Database or a piped object's DatabaseName). Each client
    /// sends its calls to one database, so other databases get a client of their own, made once and reused, over the
    /// same channel (AsyncMilvusClient.ForDatabase): switching databases never opens a connection.
    /// </summary>
    internal AsyncMilvusClient ClientFor(string? database)
    {
        if (string.IsNullOrEmpty(database) || string.Equals(database, EffectiveDatabase(null), StringComparison.Ordinal))
        {
            return Client;
        }

        ObjectDisposedException.ThrowIf(!IsOpen, this);
        AsyncMilvusClient main = Client;
        return _otherDatabases.GetOrAdd(database, main.ForDatabase);
    }

    /// <summary>The database a call with <paramref name="database"/> (possibly empty) actually uses.</summary>
    internal string EffectiveDatabase(string? database) =>
        !string.IsNullOrEmpty(database) ? database : string.IsNullOrEmpty(_database) ? "default" : _database;

    /// <summary>Records the new current database after the client switched to it (Use-MilvusDatabase).</summary>
    internal void SwitchDatabase(string database)
    {
        lock (_gate)
        {
            _otherDatabases.TryRemove(database, out _);   // the main client now serves it; the shared channel stays open
            _database = database;
        }
    }

    /// <summary>Closes every client of this connection. Safe to call twice.</summary>
    internal void Close()
    {
        List<AsyncMilvusClient> clients;
        lock (_gate)
        {
            if (!IsOpen)
            {
                return;
            }

            IsOpen = false;
            clients = [.. _otherDatabases.Values];
            if (_client is not null)
            {
                clients.Add(_client);   // last: it owns the channel the others share
            }

            _otherDatabases.Clear();
            _client = null;
        }

        foreach (AsyncMilvusClient client in clients)
        {
            client.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(10));
        }
    }

    /// <summary><c>user@host:port/db</c>; never a password or token.</summary>
    public override string ToString()
    {
        string user = string.IsNullOrEmpty(User) ? string.Empty : User + "@";
        return $"{user}{Endpoint.DisplayHost}/{EffectiveDatabase(null)}";
    }
}
