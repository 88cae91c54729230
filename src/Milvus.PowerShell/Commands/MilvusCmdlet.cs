using System.Management.Automation;
using Milvus.Client;
using Milvus.PowerShell.Completion;
using Milvus.PowerShell.Connections;
using Milvus.PowerShell.Models;

namespace Milvus.PowerShell.Commands;

/// <summary>
/// Base of every cmdlet that talks to Milvus. Adds -Connection and -Database (both bound by property name, so output
/// objects pipe into the next cmdlet and reach their own server and database) and resolves the connection:
/// -Connection (or a piped Connection property), then the runspace's default, else a terminating MilvusNotConnected.
/// </summary>
public abstract class MilvusCmdlet : MilvusAsyncCmdlet
{
    /// <summary>The connection to use: a MilvusConnection object or the name of one. Defaults to the runspace's default.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [MilvusConnectionTransformation]
    [ArgumentCompleter(typeof(ConnectionNameCompleter))]
    public MilvusConnection? Connection { get; set; }

    /// <summary>The database to work in; defaults to the connection's current database.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("DatabaseName")]
    [ArgumentCompleter(typeof(DatabaseNameCompleter))]
    public string? Database { get; set; }

    /// <summary>The connection this record uses (resolved per pipeline item, since a piped object may bring its own).</summary>
    protected MilvusConnection ResolveConnection()
    {
        MilvusConnection? connection = Connection ?? ConnectionRegistry.Default;
        if (connection is null)
        {
            ThrowError("MilvusNotConnected", ErrorCategory.ConnectionError, null,
                "Not connected to Milvus. Run Connect-Milvus first, or pass -Connection.",
                "Connect-Milvus -Uri http://localhost:19530 (a server) or Connect-Milvus -Uri ./demo.db (a local file).");
        }

        if (!connection!.IsOpen)
        {
            ThrowError("MilvusConnectionClosed", ErrorCategory.ConnectionError, connection,
                $"The Milvus connection '{connection.Name}' was closed by Disconnect-Milvus.", "Connect-Milvus again.");
        }

        return connection;
    }

    /// <summary>The client for this record's connection and database.</summary>
    /// <summary>
    /// Applies -Property (alter_*_properties) then -RemoveProperty (drop_*_properties), each only when given;
    /// false as soon as one call fails (its error already written).
    /// </summary>
    protected bool TryChangeProperties(object target, System.Collections.Hashtable? set, string[]? remove,
        Func<Dictionary<string, object?>, CancellationToken, Task> alter, Func<string[], CancellationToken, Task> drop) =>
        (set is null || TryInvoke(target, ct => alter(Internal.PropertyConversion.ToDictionary(set), ct)))
        && (remove is null || TryInvoke(target, ct => drop(remove, ct)));

    protected AsyncMilvusClient ResolveClient() => ResolveConnection().ClientFor(Database);

    /// <summary>The database name this record works in ("default" when neither -Database nor Use-MilvusDatabase set one).</summary>
    protected string ResolveDatabase() => ResolveConnection().EffectiveDatabase(Database);

    /// <summary>ShouldProcess target text: <c>collection 'docs' in db 'default' @ host:19530</c>.</summary>
    protected string DescribeTarget(string kind, string name)
    {
        MilvusConnection connection = ResolveConnection();
        return $"{kind} '{name}' in db '{connection.EffectiveDatabase(Database)}' @ {connection.Endpoint.DisplayHost}";
    }

    /// <summary>Fills Connection and DatabaseName of an output object, so it pipes to the same server and database.</summary>
    protected T Stamp<T>(T item) where T : MilvusObject
    {
        MilvusConnection connection = ResolveConnection();
        item.Connection = connection;
        if (string.IsNullOrEmpty(item.DatabaseName))
        {
            item.DatabaseName = connection.EffectiveDatabase(Database);
        }

        return item;
    }

    /// <summary>
    /// Remove-Item's rule for Remove-* cmdlets: Milvus's drop calls succeed for a name that does not exist, so a typo
    /// would pass unnoticed; instead the name is looked up first and a missing one is a non-terminating ObjectNotFound
    /// error (ErrorId Milvus&lt;Thing&gt;NotFound). False when it does not exist or the lookup failed (its error written).
    /// </summary>
    protected bool ExistsForRemoval(string kind, string name, Func<CancellationToken, Task<bool>> exists)
    {
        if (!TryInvoke(name, exists, out bool found))
        {
            return false;
        }

        if (!found)
        {
            var record = new ErrorRecord(new ItemNotFoundException($"{kind} '{name}' was not found in database '{ResolveDatabase()}'; nothing was removed."),
                $"Milvus{ErrorThing}NotFound", ErrorCategory.ObjectNotFound, name);
            record.ErrorDetails = new ErrorDetails(record.Exception.Message) { RecommendedAction = $"Check the name with Get-Milvus{ErrorThing}." };
            WriteError(record);
        }

        return found;
    }

    /// <summary>
    /// The names in <paramref name="available"/> that match <paramref name="patterns"/> (wildcards allowed; all when null).
    /// An exact name that does not exist writes a non-terminating ObjectNotFound error; a wildcard that matches
    /// nothing writes nothing (Get-Service behaviour).
    /// </summary>
    protected IReadOnlyList<string> SelectNames(IEnumerable<string> available, string[]? patterns, string kind, string notFoundErrorId)
    {
        List<string> names = available.ToList();
        if (patterns is null || patterns.Length == 0)
        {
            return names;
        }

        var selected = new List<string>();
        foreach (string pattern in patterns)
        {
            var wildcard = new WildcardPattern(pattern, WildcardOptions.IgnoreCase);
            List<string> matches = WildcardPattern.ContainsWildcardCharacters(pattern)
                ? names.Where(wildcard.IsMatch).ToList()
                : names.Where(n => string.Equals(n, pattern, StringComparison.Ordinal)).ToList();
            if (matches.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(pattern))
            {
                WriteItemError(notFoundErrorId, ErrorCategory.ObjectNotFound, pattern,
                    $"{kind} '{pattern}' was not found in database '{ResolveDatabase()}'.");
            }

            selected.AddRange(matches.Where(m => !selected.Contains(m, StringComparer.Ordinal)));
        }

        return selected;
    }
}
