using System.Text.Json;
using Milvus.Protocol.Schema;

namespace Milvus.Local.Analysis;

/// <summary>
/// The analyzer of a VARCHAR field, from its type params: <c>analyzer_params</c> (one analyzer, default
/// standard) or <c>multi_analyzer_params</c> (<c>{"by_field": f, "analyzers": {name: params, ..., "default": ...},
/// "alias": {alias: name}}</c>), where each row's <see cref="ByField"/> value picks the analyzer by name or
/// alias and unknown or missing names fall back to "default".
/// </summary>
public sealed class FieldAnalyzer
{
    private const string DefaultName = "default";
    private readonly Analyzer _single;
    private readonly IReadOnlyDictionary<string, Analyzer>? _analyzers;
    private readonly IReadOnlyDictionary<string, string> _alias;

    private FieldAnalyzer(Analyzer single, string? byField, IReadOnlyDictionary<string, Analyzer>? analyzers, IReadOnlyDictionary<string, string> alias)
    {
        _single = single;
        ByField = byField;
        _analyzers = analyzers;
        _alias = alias;
    }

    /// <summary>For a multi-language analyzer, the field whose value names each row's analyzer; null otherwise.</summary>
    public string? ByField { get; }

    public bool IsMulti => _analyzers is not null;

    /// <summary>The analyzer named <paramref name="analyzerName"/> (an analyzer name or alias; null, unknown → "default"); a single analyzer ignores the name.</summary>
    public Analyzer Resolve(string? analyzerName)
    {
        if (_analyzers is null) return _single;
        if (analyzerName is not null)
        {
            if (_analyzers.TryGetValue(analyzerName, out var named)) return named;
            if (_alias.TryGetValue(analyzerName, out var target) && _analyzers.TryGetValue(target, out var aliased)) return aliased;
        }
        return _analyzers[DefaultName];
    }

    /// <summary>Tokens of <paramref name="text"/> by the analyzer <see cref="Resolve"/> picks.</summary>
    public IReadOnlyList<AnalyzerToken> Analyze(string text, string? analyzerName = null) => Resolve(analyzerName).Analyze(text);

    /// <summary>The field's analyzer. Throws <see cref="AnalyzerException"/> (Milvus's message) for invalid params.</summary>
    /// <remarks>Cached by the parameter text, so a field's analyzer (and the text indexes keyed by it) is built once.</remarks>
    public static FieldAnalyzer For(FieldSchema field)
    {
        var multi = TypeParam(field, "multi_analyzer_params");
        var single = TypeParam(field, "analyzer_params");
        return Cache.GetOrAdd((single, multi), key => key.Multi is not null
            ? FromMulti(key.Multi)
            : new FieldAnalyzer(AnalyzerFactory.Create(key.Single), null, null, new Dictionary<string, string>()));
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string? Single, string? Multi), FieldAnalyzer> Cache = new();

    /// <summary>Whether the field has <c>enable_analyzer</c> set to true.</summary>
    public static bool IsEnabled(FieldSchema field) => IsTrue(field, "enable_analyzer");

    /// <summary>Whether the field has <c>enable_match</c> set to true.</summary>
    public static bool IsMatchEnabled(FieldSchema field) => IsTrue(field, "enable_match");

    internal static string? TypeParam(FieldSchema field, string key) => field.TypeParams.FirstOrDefault(p => p.Key == key)?.Value;

    private static bool IsTrue(FieldSchema field, string key) => string.Equals(TypeParam(field, key), "true", StringComparison.OrdinalIgnoreCase);

    private static FieldAnalyzer FromMulti(string json)
    {
        JsonElement root;
        try { root = JsonDocument.Parse(json).RootElement; }
        catch (JsonException e) { throw new AnalyzerException(e.Message); }
        if (root.ValueKind != JsonValueKind.Object) throw new AnalyzerException("multi analyzer params should be a json map");
        if (!root.TryGetProperty("by_field", out var byField))
            throw new AnalyzerException("multi analyzer params now must set by_field to specify with field decide analyzer");
        if (byField.ValueKind != JsonValueKind.String)
            throw new AnalyzerException($"multi analyzer params by_field must be string but now: {byField.GetRawText()}");
        var alias = new Dictionary<string, string>(StringComparer.Ordinal);
        if (root.TryGetProperty("alias", out var aliasMap))
        {
            if (aliasMap.ValueKind != JsonValueKind.Object || aliasMap.EnumerateObject().Any(a => a.Value.ValueKind != JsonValueKind.String))
                throw new AnalyzerException($"multi analyzer alias must be string map but now: {aliasMap.GetRawText()}");
            foreach (var a in aliasMap.EnumerateObject()) alias[a.Name] = a.Value.GetString()!;
        }
        if (!root.TryGetProperty("analyzers", out var analyzerMap)) throw new AnalyzerException("multi analyzer params must set analyzers ");
        if (analyzerMap.ValueKind != JsonValueKind.Object)
            throw new AnalyzerException($"unmarshal analyzers failed: json: cannot unmarshal {analyzerMap.ValueKind.ToString().ToLowerInvariant()} into Go value of type map[string]json.RawMessage");
        var analyzers = new Dictionary<string, Analyzer>(StringComparer.Ordinal);
        foreach (var entry in analyzerMap.EnumerateObject())
        {
            try { analyzers[entry.Name] = AnalyzerFactory.Create(entry.Value); }
            catch (AnalyzerException e) { throw new AnalyzerException(e.Message, entry.Name); }
        }
        if (!analyzers.ContainsKey(DefaultName)) throw new AnalyzerException("multi analyzer must set default analyzer for all unknown value");
        return new FieldAnalyzer(analyzers[DefaultName], byField.GetString(), analyzers, alias);
    }
}
