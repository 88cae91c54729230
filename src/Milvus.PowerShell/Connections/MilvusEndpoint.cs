namespace Milvus.PowerShell.Connections;

/// <summary>
/// What a connection URI points at, for display and naming only (the client does the real parsing). Userinfo
/// (<c>user:password@</c>) is dropped so that secrets given in a URI never show.
/// </summary>
internal sealed class MilvusEndpoint
{
    private MilvusEndpoint(string displayUri, string displayHost, bool isTls, bool isLocal, string defaultName)
    {
        DisplayUri = displayUri;
        DisplayHost = displayHost;
        IsTls = isTls;
        IsLocal = isLocal;
        DefaultName = defaultName;
    }

    public string DisplayUri { get; }

    /// <summary>host:port, unix socket path, or the .db file name.</summary>
    public string DisplayHost { get; }

    public bool IsTls { get; }

    public bool IsLocal { get; }

    /// <summary>The connection name used when -Name is not given.</summary>
    public string DefaultName { get; }

    /// <summary>True when <paramref name="uri"/> names a local database file (Milvus Lite style).</summary>
    public static bool IsLocalFile(string uri) => uri.TrimEnd().EndsWith(".db", StringComparison.OrdinalIgnoreCase) &&
        !uri.Contains("://", StringComparison.Ordinal) && !uri.StartsWith("unix:", StringComparison.OrdinalIgnoreCase);

    /// <param name="uri">The URI as given, with a .db path already made absolute.</param>
    public static MilvusEndpoint Parse(string uri)
    {
        if (IsLocalFile(uri))
        {
            string file = Path.GetFileName(uri);
            return new MilvusEndpoint(uri, file, isTls: false, isLocal: true, Path.GetFileNameWithoutExtension(file));
        }

        if (uri.StartsWith("unix:", StringComparison.OrdinalIgnoreCase))
        {
            string socket = uri["unix:".Length..];
            return new MilvusEndpoint(uri, socket, isTls: false, isLocal: false, Path.GetFileNameWithoutExtension(socket));
        }

        string withScheme = uri.Contains("://", StringComparison.Ordinal) ? uri : "http://" + uri;
        if (!System.Uri.TryCreate(withScheme, UriKind.Absolute, out Uri? parsed))
        {
            return new MilvusEndpoint(StripUserInfo(uri), StripUserInfo(uri), isTls: false, isLocal: false, "milvus");
        }

        bool tls = parsed.Scheme.Equals("https", StringComparison.OrdinalIgnoreCase);
        int port = parsed.IsDefaultPort || parsed.Port <= 0 ? (tls ? 443 : 19530) : parsed.Port;
        string hostPort = $"{parsed.Host}:{port}";
        string path = parsed.AbsolutePath.Trim('/');
        string display = $"{parsed.Scheme}://{hostPort}" + (path.Length > 0 ? "/" + path : string.Empty);
        return new MilvusEndpoint(display, hostPort, tls, isLocal: false, parsed.Host);
    }

    private static string StripUserInfo(string uri)
    {
        int at = uri.LastIndexOf('@');
        if (at < 0)
        {
            return uri;
        }

        int schemeEnd = uri.IndexOf("://", StringComparison.Ordinal);
        int start = schemeEnd >= 0 ? schemeEnd + 3 : 0;
        return at > start ? uri[..start] + uri[(at + 1)..] : uri;
    }
}
