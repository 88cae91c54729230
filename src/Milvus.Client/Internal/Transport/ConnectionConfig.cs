namespace Milvus.Client.Internal.Transport;

/// <summary>How to reach the server, resolved from the constructor arguments (pymilvus 2.6 <c>ConnectionConfig.from_uri</c>).</summary>
internal sealed record ConnectionConfig
{
    public const int DefaultPort = 19530;
    public const int DefaultTlsPort = 443;

    /// <summary>"host:port", the whole "unix:..." target, or the full path of a local .db file.</summary>
    public required string Address { get; init; }
    public string Host { get; init; } = "";
    public int Port { get; init; }
    /// <summary>http, https, tcp, unix or file.</summary>
    public required string Scheme { get; init; }
    public bool Secure { get; init; }
    public bool IsLocal => Scheme == "file";
    public bool IsUnix => Scheme == "unix";
    /// <summary>The token sent as authorization ("" = none); never printed.</summary>
    public string Token { get; init; } = "";
    /// <summary>User name for ClientInfo (from user or the token's "user:" part).</summary>
    public string User { get; init; } = "";
    public string DbName { get; init; } = "";
    /// <summary>The URI as given, with any userinfo removed.</summary>
    public required string RedactedUri { get; init; }
    public string ServerType => Host.Contains("zilliz", StringComparison.OrdinalIgnoreCase) ? "zilliz" : "milvus";

    /// <summary>Applies pymilvus's rules: token over user/password over URI userinfo; db_name over the URI path.</summary>
    public static ConnectionConfig Parse(string uri, string user = "", string password = "", string dbName = "", string token = "",
        MilvusClientOptions? options = null)
    {
        uri = (uri ?? "").Trim();
        if (uri.Length == 0) throw new ConnectionConfigException("uri is required, for example http://localhost:19530");
        var explicitToken = ResolveExplicitToken(user, password, token);

        if (IsLocalUri(uri))
            return ParseLocal(uri, explicitToken, user, dbName);

        if (uri.StartsWith("unix:", StringComparison.OrdinalIgnoreCase))
            return new ConnectionConfig
            {
                Address = uri, Scheme = "unix", Token = explicitToken, User = UserOf(user, explicitToken), DbName = dbName ?? "",
                RedactedUri = uri, Secure = options?.Secure ?? false,
            };

        return ParseUrl(uri, explicitToken, user, dbName ?? "", options);
    }

    /// <summary>pymilvus's Milvus Lite rule: a URI ending in ".db" is a local database file.</summary>
    public static bool IsLocalUri(string uri) => (uri ?? "").Trim().EndsWith(".db", StringComparison.OrdinalIgnoreCase);

    private static string ResolveExplicitToken(string user, string password, string token)
    {
        if (!string.IsNullOrEmpty(token)) return token;
        if (!string.IsNullOrEmpty(user) && !string.IsNullOrEmpty(password)) return $"{user}:{password}";
        return "";
    }

    private static string UserOf(string user, string token)
    {
        if (!string.IsNullOrEmpty(user)) return user;
        var colon = token.IndexOf(':');
        return colon > 0 ? token[..colon] : "";
    }

    private static ConnectionConfig ParseLocal(string uri, string token, string user, string dbName)
    {
        var path = uri.StartsWith("file:", StringComparison.OrdinalIgnoreCase) ? new Uri(uri).LocalPath : uri;
        var fullPath = Path.GetFullPath(path);
        var parent = Path.GetDirectoryName(fullPath);
        if (string.IsNullOrEmpty(parent) || !Directory.Exists(parent))
            throw new ConnectionConfigException($"Open local milvus failed, dir: {parent} not exists");
        return new ConnectionConfig
        {
            Address = fullPath, Scheme = "file", Token = token, User = UserOf(user, token), DbName = dbName ?? "", RedactedUri = uri,
        };
    }

    private static ConnectionConfig ParseUrl(string uri, string explicitToken, string user, string dbName, MilvusClientOptions? options)
    {
        if (!System.Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || parsed.IsFile)
            throw new ConnectionConfigException($"Invalid uri: {Redact(uri)}. The uri must start with http://, https://, tcp:// or unix:, or end with .db");
        var scheme = parsed.Scheme.ToLowerInvariant();
        if (scheme is not ("http" or "https" or "tcp"))
            throw new ConnectionConfigException($"Invalid uri: {Redact(uri)}. The scheme must be http, https or tcp (got '{scheme}')");

        var host = string.IsNullOrEmpty(parsed.Host) ? "localhost" : parsed.Host;
        // Uri hides whether a port was written (it reports 80 for "http://h"), so read the authority text.
        var port = HasExplicitPort(uri, parsed) ? parsed.Port : (scheme == "https" ? DefaultTlsPort : DefaultPort);

        var token = explicitToken;
        if (token.Length == 0 && parsed.UserInfo.Length > 0)
        {
            var info = System.Uri.UnescapeDataString(parsed.UserInfo);
            token = info.EndsWith(':') ? info[..^1] : info;
        }

        var db = dbName;
        if (db.Length == 0)
            db = parsed.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(System.Uri.UnescapeDataString).FirstOrDefault() ?? "";

        var userInfoUser = parsed.UserInfo.Split(':')[0];
        return new ConnectionConfig
        {
            Address = $"{FormatHost(host)}:{port}",
            Host = host,
            Port = port,
            Scheme = scheme,
            Secure = options?.Secure ?? scheme == "https",
            Token = token,
            User = !string.IsNullOrEmpty(user) ? user : UserOf(System.Uri.UnescapeDataString(userInfoUser), token),
            DbName = db,
            RedactedUri = Redact(uri),
        };
    }

    private static bool HasExplicitPort(string uri, Uri parsed)
    {
        var afterScheme = uri[(uri.IndexOf("://", StringComparison.Ordinal) + 3)..];
        var authority = afterScheme.Split('/', '?', '#')[0];
        var at = authority.LastIndexOf('@');
        if (at >= 0) authority = authority[(at + 1)..];
        if (authority.StartsWith('[')) return authority.Contains("]:", StringComparison.Ordinal);
        return authority.Contains(':') && parsed.Port > 0;
    }

    private static string FormatHost(string host) => host.Contains(':') && !host.StartsWith('[') ? $"[{host}]" : host;

    /// <summary>Never prints the token.</summary>
    public override string ToString() => $"{Scheme} {Address} (db '{DbName}', {(Token.Length > 0 ? "with" : "no")} credentials)";

    /// <summary>Removes userinfo (credentials) from a URI so it can be shown.</summary>
    public static string Redact(string uri)
    {
        var schemeEnd = uri.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd < 0) return uri;
        var start = schemeEnd + 3;
        var end = uri.IndexOfAny(new[] { '/', '?', '#' }, start);
        var authority = end < 0 ? uri[start..] : uri[start..end];
        var at = authority.LastIndexOf('@');
        if (at < 0) return uri;
        return uri[..start] + authority[(at + 1)..] + (end < 0 ? "" : uri[end..]);
    }
}
