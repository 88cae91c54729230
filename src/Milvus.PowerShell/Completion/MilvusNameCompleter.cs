using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Runtime.CompilerServices;
using Milvus.Client;
using Milvus.PowerShell.Connections;
using Milvus.PowerShell.Models;

namespace Milvus.PowerShell.Completion;

/// <summary>
/// Base of the name completers (collection, partition, index, field, database, alias...). It reads -Connection,
/// -Database and -CollectionName from the parameters already typed (falling back to the default connection), asks the
/// server at most once per 30 s per connection/database/collection, gives up after 2 s, never prompts or throws,
/// filters with a wildcard and quotes names that need it.
/// </summary>
public abstract class MilvusNameCompleter : IArgumentCompleter
{
    private static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan CallBudget = TimeSpan.FromSeconds(2);
    private static readonly ConditionalWeakTable<MilvusConnection, Dictionary<string, CachedNames>> Cache = new();

    /// <summary>What is completed, for the cache key ("collection", "index"...).</summary>
    protected abstract string Kind { get; }

    /// <summary>Lists the candidate names.</summary>
    /// <param name="client">The client for the database in effect.</param>
    /// <param name="collectionName">The -CollectionName (or -Name of collection cmdlets) already typed, or null.</param>
    protected abstract Task<IEnumerable<string>> ListAsync(AsyncMilvusClient client, string? collectionName, CancellationToken cancellationToken);

    /// <summary>True when the names depend on the collection (partitions, indexes, fields).</summary>
    protected virtual bool NeedsCollection => false;

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        try
        {
            MilvusConnection? connection = ConnectionFrom(fakeBoundParameters);
            if (connection is null || !connection.IsOpen)
            {
                return [];
            }

            string? database = fakeBoundParameters["Database"] as string ?? fakeBoundParameters["DatabaseName"] as string;
            string? collection = CollectionFrom(commandName, fakeBoundParameters);
            if (NeedsCollection && string.IsNullOrEmpty(collection))
            {
                return [];
            }

            IEnumerable<string> names = Names(connection, database, collection);
            return Filter(names, wordToComplete);
        }
        catch (Exception)
        {
            return []; // completion must never break the prompt
        }
    }

    /// <summary>Completion results for <paramref name="names"/> that match what has been typed so far.</summary>
    internal static IEnumerable<CompletionResult> Filter(IEnumerable<string> names, string wordToComplete)
    {
        string typed = (wordToComplete ?? string.Empty).Trim('\'', '"');
        var pattern = new WildcardPattern(typed + "*", WildcardOptions.IgnoreCase);
        return names
            .Where(pattern.IsMatch)
            .OrderBy(n => n, StringComparer.OrdinalIgnoreCase)
            .Select(n => new CompletionResult(Quote(n), n, CompletionResultType.ParameterValue, n));
    }

    /// <summary>Single-quotes a name that PowerShell would otherwise split or expand.</summary>
    internal static string Quote(string name) =>
        name.Length > 0 && name.All(c => char.IsLetterOrDigit(c) || c is '_' or '-' or '.')
            ? name
            : "'" + name.Replace("'", "''", StringComparison.Ordinal) + "'";

    private IEnumerable<string> Names(MilvusConnection connection, string? database, string? collection)
    {
        string key = $"{Kind}|{connection.EffectiveDatabase(database)}|{collection}";
        Dictionary<string, CachedNames> perConnection = Cache.GetOrCreateValue(connection);
        lock (perConnection)
        {
            if (perConnection.TryGetValue(key, out CachedNames? cached) && DateTime.UtcNow - cached.At < CacheLifetime)
            {
                return cached.Names;
            }
        }

        using var budget = new CancellationTokenSource(CallBudget);
        Task<IEnumerable<string>> listing = ListAsync(connection.ClientFor(database), collection, budget.Token);
        if (!listing.Wait(CallBudget))
        {
            return [];
        }

        string[] names = listing.Result.ToArray();
        lock (perConnection)
        {
            perConnection[key] = new CachedNames(DateTime.UtcNow, names);
        }

        return names;
    }

    private static MilvusConnection? ConnectionFrom(IDictionary bound)
    {
        object? value = bound["Connection"] is PSObject wrapped ? wrapped.BaseObject : bound["Connection"];
        return value switch
        {
            MilvusConnection connection => connection,
            string name => ConnectionRegistry.Find(name),
            _ => ConnectionRegistry.Default,
        };
    }

    private static string? CollectionFrom(string commandName, IDictionary bound)
    {
        // Collection cmdlets (Set-MilvusCollection...) name the collection with -Name; child cmdlets with -CollectionName.
        bool collectionCmdlet = commandName.EndsWith("-MilvusCollection", StringComparison.OrdinalIgnoreCase)
            || commandName.EndsWith("-MilvusCollectionStatistic", StringComparison.OrdinalIgnoreCase);
        object? value = bound["CollectionName"] ?? bound["Collection"] ?? (collectionCmdlet ? bound["Name"] : null);
        value = value is PSObject wrapped ? wrapped.BaseObject : value;
        return value switch
        {
            string name => name,
            string[] { Length: > 0 } names => names[0],
            _ => null,
        };
    }

    private sealed record CachedNames(DateTime At, string[] Names);
}
