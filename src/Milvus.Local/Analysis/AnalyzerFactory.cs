using System.Text.Json;
using System.Text.RegularExpressions;
using Milvus.Local.Analysis.Filters;
using Milvus.Local.Analysis.Tokenizers;

namespace Milvus.Local.Analysis;

/// <summary>
/// Builds analyzers from Milvus's <c>analyzer_params</c> JSON, following tantivy-binding's
/// <c>create_analyzer</c>: a built-in (<c>{"type": "standard"|"english"|"chinese", "stop_words": [...]}</c>)
/// or a custom one (<c>{"tokenizer": ..., "filter": [...]}</c>); empty params give the standard analyzer.
/// Invalid parameters throw <see cref="AnalyzerException"/> with Milvus's message.
/// </summary>
public static class AnalyzerFactory
{
    /// <summary>The default analyzer: standard tokenizer and lowercase.</summary>
    public static Analyzer Standard { get; } = BuildStandard([]);

    /// <summary>An analyzer from <c>analyzer_params</c> JSON text; null or empty gives <see cref="Standard"/>.</summary>
    public static Analyzer Create(string? analyzerParams)
    {
        if (string.IsNullOrEmpty(analyzerParams)) return Standard;
        JsonElement root;
        try { root = JsonDocument.Parse(analyzerParams).RootElement; }
        catch (JsonException e) { throw new AnalyzerException($"json error: {e.Message}"); }
        if (root.ValueKind != JsonValueKind.Object) throw new AnalyzerException("params should be a json map");
        return Create(root);
    }

    /// <summary>An analyzer from a parsed <c>analyzer_params</c> object.</summary>
    public static Analyzer Create(JsonElement parameters)
    {
        if (parameters.ValueKind != JsonValueKind.Object) throw new AnalyzerException("params should be a json map");
        if (!parameters.EnumerateObject().Any()) return Standard;
        if (parameters.TryGetProperty("type", out var type))
        {
            if (type.ValueKind != JsonValueKind.String) throw new AnalyzerException("analyzer type shoud be string");
            return BuildBuiltIn(type.GetString()!, parameters);
        }
        var tokenizer = BuildTokenizer(parameters);
        var filters = new List<ITokenFilter>();
        foreach (var option in parameters.EnumerateObject())
        {
            switch (option.Name)
            {
                case "tokenizer": break;
                case "filter": filters.AddRange(BuildFilters(option.Value)); break;
                default: throw new AnalyzerException($"unknown analyzer option key: {option.Name}");
            }
        }
        return new Analyzer(tokenizer, filters);
    }

    private static Analyzer BuildBuiltIn(string type, JsonElement parameters)
    {
        var stopWords = parameters.TryGetProperty("stop_words", out var value)
            ? StopWords.Expand(StringList(value, "filter stop_words"))
            : [];
        return type switch
        {
            "standard" => BuildStandard(stopWords),
            "english" => WithStopWords(new Analyzer(CharacterRunTokenizer.Standard,
                [LowercaseFilter.Instance, StemmerFilter.ForLanguage("english"), new StopWordFilter(StopWords.English)]), stopWords),
            "chinese" => WithStopWords(new Analyzer(JiebaTokenizer.Default, [CnAlphaNumOnlyFilter.Instance]), stopWords),
            _ => throw new AnalyzerException($"unknown build-in analyzer type: {type}"),
        };
    }

    private static Analyzer BuildStandard(IReadOnlyCollection<string> stopWords) =>
        WithStopWords(new Analyzer(CharacterRunTokenizer.Standard, [LowercaseFilter.Instance]), stopWords);

    private static Analyzer WithStopWords(Analyzer analyzer, IReadOnlyCollection<string> stopWords) =>
        stopWords.Count == 0 ? analyzer : analyzer.Then(new StopWordFilter(stopWords));

    private static ITokenizer BuildTokenizer(JsonElement parameters)
    {
        if (!parameters.TryGetProperty("tokenizer", out var tokenizer)) throw new AnalyzerException("tokenizer name or type must be set");
        string name;
        JsonElement? options = null;
        switch (tokenizer.ValueKind)
        {
            case JsonValueKind.String:
                name = tokenizer.GetString()!;
                break;
            case JsonValueKind.Object:
                if (!tokenizer.TryGetProperty("type", out var type)) throw new AnalyzerException("costum tokenizer must set type");
                if (type.ValueKind != JsonValueKind.String) throw new AnalyzerException("tokenizer type should be string");
                name = type.GetString()!;
                options = tokenizer;
                break;
            default:
                throw new AnalyzerException("tokenizer name should be string or dict");
        }
        return name switch
        {
            "standard" => CharacterRunTokenizer.Standard,
            "whitespace" => CharacterRunTokenizer.Whitespace,
            "icu" => IcuTokenizer.Instance,
            "jieba" => options is { } jieba ? BuildJieba(jieba) : JiebaTokenizer.Default,
            "lindera" when options is null => throw new AnalyzerException("lindera tokenizer must be costum"),
            "lindera" or "language_identifier" or "char_group" or "grpc" =>
                throw new AnalyzerException($"tokenizer {name} is not supported by the Milvus local engine"),
            _ => throw new AnalyzerException($"unsupported tokenizer: {name}"),
        };
    }

    private static JiebaTokenizer BuildJieba(JsonElement options)
    {
        var words = new List<string>();
        var useDefault = true;
        if (options.TryGetProperty("dict", out var dict))
        {
            if (dict.ValueKind != JsonValueKind.Array) throw new AnalyzerException("jieba tokenizer dict must be array");
            string? systemDictionary = null;
            foreach (var item in dict.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String) throw new AnalyzerException("jieba tokenizer dict item must be string");
                var word = item.GetString()!;
                if (word.Length == 0) continue; // tantivy-binding drops empty words (jieba-rs would panic on them)
                if (word is "_default_" or "_extend_default_")
                {
                    if (systemDictionary is not null) throw new AnalyzerException("jieba tokenizer dict can only set one system dict");
                    systemDictionary = word;
                }
                else words.Add(word);
            }
            // dict.txt.big, Milvus's extended system dictionary, is not shipped with the engine.
            if (systemDictionary == "_extend_default_")
                throw new AnalyzerException("jieba tokenizer system dict _extend_default_ is not supported by the Milvus local engine");
            useDefault = systemDictionary is not null;
        }
        if (options.TryGetProperty("extra_dict_file", out _))
            throw new AnalyzerException("jieba tokenizer extra_dict_file is not supported by the Milvus local engine");
        var search = true;
        if (options.TryGetProperty("mode", out var mode))
        {
            if (mode.ValueKind != JsonValueKind.String) throw new AnalyzerException("jieba tokenizer mode must be string");
            search = mode.GetString() switch
            {
                "exact" => false,
                "search" => true,
                _ => throw new AnalyzerException("jieba tokenizer mode must be \"exact\" or \"search\""),
            };
        }
        var hmm = true;
        if (options.TryGetProperty("hmm", out var hmmValue))
        {
            if (hmmValue.ValueKind is not (JsonValueKind.True or JsonValueKind.False)) throw new AnalyzerException("jieba tokenizer mode must be boolean");
            hmm = hmmValue.GetBoolean();
        }
        if (words.Count > 0 || !useDefault) return JiebaTokenizer.WithWords(useDefault, words, search, hmm);
        return search && hmm ? JiebaTokenizer.Default : new JiebaTokenizer(search, hmm);
    }

    private static IEnumerable<ITokenFilter> BuildFilters(JsonElement filters)
    {
        if (filters.ValueKind != JsonValueKind.Array) throw new AnalyzerException("filter params should be array");
        var built = new List<ITokenFilter>();
        foreach (var filter in filters.EnumerateArray())
        {
            if (filter.ValueKind == JsonValueKind.String) built.Add(BuildNamedFilter(filter.GetString()!));
            else if (filter.ValueKind == JsonValueKind.Object) built.Add(BuildConfiguredFilter(filter));
        }
        return built;
    }

    private static ITokenFilter BuildNamedFilter(string name) => name switch
    {
        "lowercase" => LowercaseFilter.Instance,
        "asciifolding" => AsciiFoldingFilter.Instance,
        "alphanumonly" => AlphaNumOnlyFilter.Instance,
        "cncharonly" => CnCharOnlyFilter.Instance,
        "cnalphanumonly" => CnAlphaNumOnlyFilter.Instance,
        "removepunct" => RemovePunctFilter.Instance,
        _ => throw new AnalyzerException($"build analyzer failed, filter not found :{name}"),
    };

    private static ITokenFilter BuildConfiguredFilter(JsonElement filter)
    {
        if (!filter.TryGetProperty("type", out var type)) throw new AnalyzerException("no type field in filter params");
        if (type.ValueKind != JsonValueKind.String) throw new AnalyzerException("filter type should be string");
        return type.GetString() switch
        {
            "length" => BuildLength(filter),
            "stop" => BuildStop(filter),
            "decompounder" => BuildDecompounder(filter),
            "stemmer" => BuildStemmer(filter),
            "regex" => BuildRegex(filter),
            var other => throw new AnalyzerException($"unsupport filter type: {other}"),
        };
    }

    private static LengthFilter BuildLength(JsonElement filter)
    {
        if (!filter.TryGetProperty("max", out var max) || max.ValueKind != JsonValueKind.Number || !max.TryGetUInt64(out var limit))
            throw new AnalyzerException("lenth max param was none or not uint");
        return new LengthFilter(limit);
    }

    private static StopWordFilter BuildStop(JsonElement filter)
    {
        if (!filter.TryGetProperty("stop_words", out var words)) throw new AnalyzerException("stop filter stop_words can't be empty");
        return new StopWordFilter(StopWords.Expand(StringList(words, "stop_words filter")));
    }

    private static DecompounderFilter BuildDecompounder(JsonElement filter)
    {
        if (!filter.TryGetProperty("word_list", out var words) || words.ValueKind != JsonValueKind.Array)
            throw new AnalyzerException("decompounder word list should be array");
        var list = new List<string>();
        foreach (var word in words.EnumerateArray())
        {
            if (word.ValueKind != JsonValueKind.String) throw new AnalyzerException("decompounder word list item should be string");
            list.Add(word.GetString()!);
        }
        return new DecompounderFilter(list);
    }

    private static StemmerFilter BuildStemmer(JsonElement filter)
    {
        if (!filter.TryGetProperty("language", out var language) || language.ValueKind != JsonValueKind.String)
            throw new AnalyzerException("stemmer language field should be string");
        return StemmerFilter.ForLanguage(language.GetString()!);
    }

    private static RegexFilter BuildRegex(JsonElement filter)
    {
        if (!filter.TryGetProperty("expr", out var expr)) throw new AnalyzerException("must set expr for regex filter");
        if (expr.ValueKind != JsonValueKind.String) throw new AnalyzerException("expr must be string");
        var pattern = expr.GetString()!;
        try { return new RegexFilter(new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1))); }
        catch (ArgumentException e) { throw new AnalyzerException($"regex expression invalid, expr:{pattern}, err: {e.Message}"); }
    }

    private static List<string> StringList(JsonElement value, string label)
    {
        if (value.ValueKind != JsonValueKind.Array) throw new AnalyzerException($"{label} should be array");
        var list = new List<string>();
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String) throw new AnalyzerException($"{label} list item should be string");
            list.Add(item.GetString()!);
        }
        return list;
    }
}
