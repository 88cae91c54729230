using System.Management.Automation;
using System.Net;
using System.Security;
using Milvus.Client;
using Milvus.PowerShell.Connections;
using Milvus.PowerShell.Models;

namespace Milvus.PowerShell.Commands.Connection;

/// <summary>
/// <para type="synopsis">Connects to a Milvus server, or opens a local .db database, and makes it the default connection.</para>
/// <para type="description">Wraps the AsyncMilvusClient constructor (pymilvus MilvusClient(uri, user, password, db_name, token,
/// timeout)) and its Connect handshake. Returns the MilvusConnection.</para>
/// </summary>
[Cmdlet(VerbsCommunications.Connect, "Milvus", DefaultParameterSetName = NoAuthSet)]
[OutputType(typeof(MilvusConnection))]
public sealed class ConnectMilvusCommand : MilvusAsyncCmdlet
{
    private const string NoAuthSet = "NoAuth";
    private const string CredentialSet = "Credential";
    private const string TokenSet = "Token";

    /// <summary>http://host:port, https://host:port, tcp://host:port, unix:/path, or a path to a .db file (local engine).</summary>
    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Uri { get; set; } = "http://localhost:19530";

    /// <summary>User name and password.</summary>
    [Parameter(Mandatory = true, ParameterSetName = CredentialSet)]
    [Credential]
    public PSCredential Credential { get; set; } = PSCredential.Empty;

    /// <summary>An API key or "user:password" token; a SecureString or a plain string.</summary>
    [Parameter(Mandatory = true, ParameterSetName = TokenSet)]
    [SecureStringTransformation]
    public SecureString? Token { get; set; }

    /// <summary>The database to use (default: the URI path, else the server's default database).</summary>
    [Parameter]
    [Alias("DatabaseName", "DbName")]
    public string? Database { get; set; }

    /// <summary>The connection's name in this session (default: the host, or the .db file name).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    /// <summary>Don't make this the runspace's default connection (pass it with -Connection instead).</summary>
    [Parameter]
    public SwitchParameter NoDefault { get; set; }

    /// <summary>Use TLS even for http:// and tcp:// URIs (https:// always does).</summary>
    [Parameter]
    public SwitchParameter UseTls { get; set; }

    /// <summary>One-way TLS: a PEM file trusted as the server's root certificate.</summary>
    [Parameter]
    public string? ServerCertificatePath { get; set; }

    /// <summary>Mutual TLS: the client certificate (PEM); needs -ClientKeyPath and -CertificateAuthorityPath.</summary>
    [Parameter]
    public string? ClientCertificatePath { get; set; }

    /// <summary>Mutual TLS: the client's private key (PEM).</summary>
    [Parameter]
    public string? ClientKeyPath { get; set; }

    /// <summary>Mutual TLS: the CA certificate (PEM) that signed the server's certificate.</summary>
    [Parameter]
    public string? CertificateAuthorityPath { get; set; }

    /// <summary>The TLS server name to verify (SNI override).</summary>
    [Parameter]
    public string? ServerName { get; set; }

    /// <summary>Local .db mode only: turn on authentication and RBAC in the local engine (root/Milvus).</summary>
    [Parameter]
    public SwitchParameter EnableAuthorization { get; set; }

    /// <summary>
    /// Seconds any call on this connection may take, retries included, before it fails with a connection or timeout
    /// error (default 20 for servers, so a stopped server never hangs a script; none for local .db files). 0 turns
    /// the limit off. A cmdlet's -TimeoutSec overrides it for one call.
    /// </summary>
    [Parameter]
    [Alias("Timeout")]
    [ValidateRange(0, int.MaxValue)]
    public int CallTimeoutSec { get; set; } = DefaultCallTimeoutSec;

    /// <summary>The default of -CallTimeoutSec for servers.</summary>
    public const int DefaultCallTimeoutSec = 20;

    protected override string ErrorThing => "Connection";

    protected override void EndProcessing()
    {
        // A relative .db path is relative to PowerShell's location, which is not the process's current directory.
        bool localPath = AsyncMilvusClient.IsLocalUri(Uri) && !Uri.Contains("://", StringComparison.Ordinal) && !Uri.StartsWith("file:", StringComparison.OrdinalIgnoreCase);
        string uri = localPath ? SessionState.Path.GetUnresolvedProviderPathFromPSPath(Uri) : Uri;
        string displayUri = AsyncMilvusClient.RedactUri(uri);
        MilvusClientOptions options = BuildOptions();
        PSCredential? credential = ParameterSetName == CredentialSet ? Credential : null;
        SecureString? token = ParameterSetName == TokenSet ? Token : null;
        TimeSpan? timeout = TimeoutSec > 0 ? TimeSpan.FromSeconds(TimeoutSec) : null;
        bool timeoutGiven = MyInvocation.BoundParameters.ContainsKey(nameof(CallTimeoutSec));
        bool local = AsyncMilvusClient.IsLocalUri(uri);
        int callTimeoutSec = timeoutGiven || !local ? CallTimeoutSec : 0;
        options.CallTimeout = callTimeoutSec > 0 ? TimeSpan.FromSeconds(callTimeoutSec) : null;

        WriteVerbose($"Connecting to {displayUri}.");
        AsyncMilvusClient? client = null;
        MilvusEndpoint endpoint;
        string version;
        try
        {
            // The secrets are unwrapped only to build the client (which every database of the connection shares), never kept as strings.
            client = new AsyncMilvusClient(
                uri,
                credential?.UserName ?? string.Empty,
                credential?.GetNetworkCredential().Password ?? string.Empty,
                Database ?? string.Empty,
                token is null ? string.Empty : new NetworkCredential(string.Empty, token).Password,
                timeout,
                options);
            endpoint = MilvusEndpoint.From(client);
            version = Invoke(async ct =>
            {
                await client.ConnectAsync(ct).ConfigureAwait(false);
                if (!string.IsNullOrEmpty(Database))
                {
                    // Surface a mistyped -Database now rather than at the first call.
                    await client.DescribeDatabaseAsync(Database, cancellationToken: ct).ConfigureAwait(false);
                }

                return await client.GetServerVersionAsync(cancellationToken: ct).ConfigureAwait(false);
            });
        }
        catch (Exception ex) when (ex is not PipelineStoppedException)
        {
            client?.Dispose();
            ErrorRecord record = ToErrorRecord(ex, displayUri);
            if (record.CategoryInfo.Category is ErrorCategory.AuthenticationError)
            {
                // Say plainly what failed; the server's reason never holds the secret (it is not echoed back).
                record.ErrorDetails = new ErrorDetails($"Authentication failed for {displayUri}: {record.ErrorDetails?.Message ?? ex.Message}")
                {
                    RecommendedAction = "Connect-Milvus with a valid -Credential or -Token (a secured local file starts with root/Milvus).",
                };
            }
            else if (record.CategoryInfo.Category is not ErrorCategory.AuthenticationError and not ErrorCategory.PermissionDenied
                and not ErrorCategory.InvalidArgument and not ErrorCategory.ObjectNotFound)
            {
                record = ConnectFailure(record.Exception, ex.Message, displayUri, local);
            }

            ThrowTerminatingError(record);
            return;
        }

        string name = Name ?? ConnectionRegistry.UniqueName(endpoint.DefaultName);
        if (Name is not null && ConnectionRegistry.Find(Name) is { } previous)
        {
            WriteVerbose($"Replacing the connection named '{Name}'.");
            ConnectionRegistry.Unregister(previous);
            previous.Close();
        }

        MilvusAuthType authType = credential is not null ? MilvusAuthType.Password : token is not null ? MilvusAuthType.Token : MilvusAuthType.None;
        var connection = new MilvusConnection(name, endpoint, client!, credential?.UserName, authType)
        {
            ServerVersion = version,
            CallTimeout = options.CallTimeout,
        };
        ConnectionRegistry.Register(connection, makeDefault: !NoDefault);
        WriteVerbose($"Connected to {connection} (server {version}).");
        WriteObject(connection);
    }

    /// <summary>The error of a connection that could not be made, with the fix that fits a server or a local file.</summary>
    private static ErrorRecord ConnectFailure(Exception exception, string message, string displayUri, bool local)
    {
        // SqliteStore's lock: Milvus Lite serves a file to one process too, but here a second process has a way in.
        if (local && message.Contains("database is in use", StringComparison.Ordinal))
        {
            return new ErrorRecord(exception, "MilvusLocalDatabaseInUse", ErrorCategory.ResourceBusy, displayUri)
            {
                ErrorDetails = new ErrorDetails($"Could not open {displayUri}: {message}")
                {
                    RecommendedAction = "A local .db file is open in one process at a time. Close the other one, or serve the file with " +
                        "Milvus.Local.Server --data <file> and connect every process to the address it prints.",
                },
            };
        }

        return new ErrorRecord(exception, "MilvusConnectFailed", ErrorCategory.ConnectionError, displayUri)
        {
            ErrorDetails = new ErrorDetails($"Could not connect to {displayUri}: {message}")
            {
                RecommendedAction = local
                    ? "Check the path: it must name a Milvus local .db file, or a new one, in a folder that exists and is writable."
                    : "Check the URI and that Milvus listens there (gRPC port, 19530 by default).",
            },
        };
    }

    private MilvusClientOptions BuildOptions()
    {
        var options = new MilvusClientOptions
        {
            ServerPemPath = ResolvePath(ServerCertificatePath),
            ClientPemPath = ResolvePath(ClientCertificatePath),
            ClientKeyPath = ResolvePath(ClientKeyPath),
            CaPemPath = ResolvePath(CertificateAuthorityPath),
            ServerName = ServerName,
            LocalAuthorizationEnabled = EnableAuthorization,
        };
        if (UseTls.IsPresent)
        {
            options.Secure = UseTls.ToBool();
        }

        return options;
    }

    private string? ResolvePath(string? path) =>
        string.IsNullOrEmpty(path) ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
}
