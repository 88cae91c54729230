using Lucene.Net.Analysis.Util;

namespace Milvus.Local.Analysis;

/// <summary>
/// Milvus's built-in stop word lists (<c>_english_</c>, <c>_french_</c>, ...): the Snowball project's lists,
/// which Lucene.Net ships as its analyzers' default stop sets.
/// </summary>
internal static class StopWords
{
    private static readonly Dictionary<string, Func<CharArraySet>> Lists = new(StringComparer.Ordinal)
    {
        ["_english_"] = () => Lucene.Net.Analysis.Core.StopAnalyzer.ENGLISH_STOP_WORDS_SET,
        ["_danish_"] = () => Lucene.Net.Analysis.Da.DanishAnalyzer.DefaultStopSet,
        ["_dutch_"] = () => Lucene.Net.Analysis.Nl.DutchAnalyzer.DefaultStopSet,
        ["_finnish_"] = () => Lucene.Net.Analysis.Fi.FinnishAnalyzer.DefaultStopSet,
        ["_french_"] = () => Lucene.Net.Analysis.Fr.FrenchAnalyzer.DefaultStopSet,
        ["_german_"] = () => Lucene.Net.Analysis.De.GermanAnalyzer.DefaultStopSet,
        ["_hungarian_"] = () => Lucene.Net.Analysis.Hu.HungarianAnalyzer.DefaultStopSet,
        ["_italian_"] = () => Lucene.Net.Analysis.It.ItalianAnalyzer.DefaultStopSet,
        ["_norwegian_"] = () => Lucene.Net.Analysis.No.NorwegianAnalyzer.DefaultStopSet,
        ["_portuguese_"] = () => Lucene.Net.Analysis.Pt.PortugueseAnalyzer.DefaultStopSet,
        ["_russian_"] = () => Lucene.Net.Analysis.Ru.RussianAnalyzer.DefaultStopSet,
        ["_spanish_"] = () => Lucene.Net.Analysis.Es.SpanishAnalyzer.DefaultStopSet,
        ["_swedish_"] = () => Lucene.Net.Analysis.Sv.SwedishAnalyzer.DefaultStopSet,
    };

    public static IReadOnlyCollection<string> English => Expand(["_english_"]);

    /// <summary>Replaces each <c>_language_</c> name by its list; other words stay as given (Milvus's <c>get_stop_words_list</c>).</summary>
    public static IReadOnlyCollection<string> Expand(IEnumerable<string> words)
    {
        var result = new List<string>();
        foreach (var word in words)
        {
            if (Lists.TryGetValue(word, out var list)) result.AddRange(list().Select(w => w.ToString()!));
            else result.Add(word);
        }
        return result;
    }
}
