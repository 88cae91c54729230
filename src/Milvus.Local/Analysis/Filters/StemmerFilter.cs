using Lucene.Net.Tartarus.Snowball;
using Lucene.Net.Tartarus.Snowball.Ext;
using Milvus.Local.Analysis.Snowball;

namespace Milvus.Local.Analysis.Filters;

/// <summary>
/// "stemmer": the Snowball stemmer of a language. Tantivy uses rust-stemmers, i.e. the Snowball algorithms; fifteen
/// come from Lucene.Net's Snowball port, and Arabic, Greek and Tamil, which Lucene's set lacks, are generated from the
/// very .sbl files rust-stemmers 1.2 compiles (see Analysis/Snowball/README.md).
/// </summary>
internal sealed class StemmerFilter : TokenTextFilter
{
    private static readonly Dictionary<string, Func<Func<string, string>>> Stemmers = new(StringComparer.Ordinal)
    {
        ["arabic"] = Generated<ArabicStemmer>,
        ["arabig"] = Generated<ArabicStemmer>, // Milvus accepts this spelling too (tantivy's language table)
        ["danish"] = Lucene<DanishStemmer>,
        ["dutch"] = Lucene<DutchStemmer>,
        ["english"] = Lucene<EnglishStemmer>,
        ["finnish"] = Lucene<FinnishStemmer>,
        ["french"] = Lucene<FrenchStemmer>,
        ["german"] = Lucene<GermanStemmer>,
        ["greek"] = Generated<GreekStemmer>,
        ["hungarian"] = Lucene<HungarianStemmer>,
        ["italian"] = Lucene<ItalianStemmer>,
        ["norwegian"] = Lucene<NorwegianStemmer>,
        ["portuguese"] = Lucene<PortugueseStemmer>,
        ["romanian"] = Lucene<RomanianStemmer>,
        ["russian"] = Lucene<RussianStemmer>,
        ["spanish"] = Lucene<SpanishStemmer>,
        ["swedish"] = Lucene<SwedishStemmer>,
        ["tamil"] = Generated<TamilStemmer>,
        ["turkish"] = Lucene<TurkishStemmer>,
    };

    private readonly Func<Func<string, string>> _create;
    [ThreadStatic] private static Dictionary<Func<Func<string, string>>, Func<string, string>>? _perThread;

    private StemmerFilter(Func<Func<string, string>> create) => _create = create;

    public static StemmerFilter ForLanguage(string language)
    {
        var key = language.ToLowerInvariant();
        if (Stemmers.TryGetValue(key, out var create)) return new StemmerFilter(create);
        throw new AnalyzerException($"create stemmer failed : unsupport language: {key}");
    }

    public static bool IsKnownLanguage(string language) => Stemmers.ContainsKey(language.ToLowerInvariant());

    /// <summary>Stems one word with the language's algorithm (a fresh stemmer: for tests and one-off use).</summary>
    internal static string StemWord(string language, string word) => Stemmers[language.ToLowerInvariant()]()(word);

    // Snowball stemmers keep state, so each thread uses its own instance.
    protected override string Rewrite(string text)
    {
        _perThread ??= new();
        if (!_perThread.TryGetValue(_create, out var stem)) _perThread[_create] = stem = _create();
        return stem(text);
    }

    private static Func<string, string> Lucene<T>() where T : SnowballProgram, new()
    {
        var stemmer = new T();
        return word =>
        {
            stemmer.SetCurrent(word);
            stemmer.Stem();
            return stemmer.Current;
        };
    }

    private static Func<string, string> Generated<T>() where T : Stemmer, new()
    {
        var stemmer = new T();
        return stemmer.Stem;
    }
}
