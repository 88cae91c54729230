using Lucene.Net.Tartarus.Snowball;
using Lucene.Net.Tartarus.Snowball.Ext;

namespace Milvus.Local.Analysis.Filters;

/// <summary>
/// "stemmer": the Snowball stemmer of a language (Tantivy uses rust-stemmers, the Snowball algorithms;
/// the same algorithms come from Lucene.Net's Snowball port here).
/// </summary>
internal sealed class StemmerFilter : TokenTextFilter
{
    private static readonly Dictionary<string, Func<SnowballProgram>> Stemmers = new(StringComparer.Ordinal)
    {
        ["danish"] = () => new DanishStemmer(),
        ["dutch"] = () => new DutchStemmer(),
        ["english"] = () => new EnglishStemmer(),
        ["finnish"] = () => new FinnishStemmer(),
        ["french"] = () => new FrenchStemmer(),
        ["german"] = () => new GermanStemmer(),
        ["hungarian"] = () => new HungarianStemmer(),
        ["italian"] = () => new ItalianStemmer(),
        ["norwegian"] = () => new NorwegianStemmer(),
        ["portuguese"] = () => new PortugueseStemmer(),
        ["romanian"] = () => new RomanianStemmer(),
        ["russian"] = () => new RussianStemmer(),
        ["spanish"] = () => new SpanishStemmer(),
        ["swedish"] = () => new SwedishStemmer(),
        ["turkish"] = () => new TurkishStemmer(),
    };

    /// <summary>Languages Milvus accepts that no served Snowball port implements (rust-stemmers has them, Lucene's Snowball set does not).</summary>
    private static readonly HashSet<string> UnavailableLanguages = new(StringComparer.Ordinal) { "arabic", "arabig", "greek", "tamil" };

    private readonly Func<SnowballProgram> _create;
    [ThreadStatic] private static Dictionary<Func<SnowballProgram>, SnowballProgram>? _perThread;

    private StemmerFilter(Func<SnowballProgram> create) => _create = create;

    public static StemmerFilter ForLanguage(string language)
    {
        var key = language.ToLowerInvariant();
        if (Stemmers.TryGetValue(key, out var create)) return new StemmerFilter(create);
        if (UnavailableLanguages.Contains(key))
            throw new AnalyzerException($"create stemmer failed : stemmer language {key} is not supported by the Milvus local engine");
        throw new AnalyzerException($"create stemmer failed : unsupport language: {key}");
    }

    public static bool IsKnownLanguage(string language) => Stemmers.ContainsKey(language.ToLowerInvariant());

    protected override string Rewrite(string text)
    {
        // Snowball programs keep state, so each thread uses its own instance.
        _perThread ??= new();
        if (!_perThread.TryGetValue(_create, out var stemmer)) _perThread[_create] = stemmer = _create();
        stemmer.SetCurrent(text);
        stemmer.Stem();
        return stemmer.Current;
    }
}
