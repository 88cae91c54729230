using Milvus.Client;

namespace Milvus.PowerShell.Connections;

/// <summary>
/// What a connection points at, for display and naming only. It reads the client's own parse of the URI (one parser:
/// the client's), so the module and the client never disagree; credentials given in the URI never show.
/// </summary>
internal sealed class MilvusEndpoint
{
    private const string UnixPrefix = "unix:";

    private MilvusEndpoint(string displayUri, string displayHost, bool isTls, bool isLocal, string defaultName)
    {
        DisplayUri = displayUri;
        DisplayHost = displayHost;
        IsTls = isTls;
        IsLocal = isLocal;
        DefaultName = defaultName;
    }

    /// <summary>The URI without credentials; the full path of a local .db file.</summary>
    public string DisplayUri { get; }

    /// <summary>host:port, unix socket path, or the .db file name.</summary>
    public string DisplayHost { get; }

    public bool IsTls { get; }

    public bool IsLocal { get; }

    /// <summary>The connection name used when -Name is not given.</summary>
    public string DefaultName { get; }

    /// <summary>The endpoint of a client (constructed, not necessarily connected).</summary>
    public static MilvusEndpoint From(AsyncMilvusClient client)
    {
        if (client.IsLocal)
        {
            string file = Path.GetFileName(client.Address);
            return new MilvusEndpoint(client.Address, file, isTls: false, isLocal: true, Path.GetFileNameWithoutExtension(file));
        }

        if (client.Address.StartsWith(UnixPrefix, StringComparison.OrdinalIgnoreCase))
        {
            string socket = client.Address[UnixPrefix.Length..];
            return new MilvusEndpoint(client.Uri, socket, client.IsSecure, isLocal: false, Path.GetFileNameWithoutExtension(socket));
        }

        return new MilvusEndpoint(client.Uri, client.Address, client.IsSecure, isLocal: false, client.Host);
    }
}
