namespace Milvus.Local.Analysis.Tokenizers.Jieba;

/// <summary>
/// A jieba word dictionary (word, frequency, total), as jieba-rs keeps it: the default dictionary is loaded once and
/// copied for an analyzer that adds words, so each analyzer's words stay its own (Milvus builds one jieba-rs instance
/// per tokenizer). Prefixes of every word are kept so the DAG walk stops as soon as no word can continue.
/// </summary>
internal sealed class JiebaDictionary
{
    private static readonly Lazy<JiebaDictionary> DefaultDictionary = new(LoadDefault);

    private readonly Dictionary<string, long> _frequencies;
    private readonly HashSet<string> _prefixes;

    private JiebaDictionary(Dictionary<string, long> frequencies, HashSet<string> prefixes, long total)
    {
        _frequencies = frequencies;
        _prefixes = prefixes;
        Total = total;
    }

    /// <summary>jieba's default dictionary (the dict.txt jieba-rs embeds; jieba.NET ships the same file).</summary>
    public static JiebaDictionary Default => DefaultDictionary.Value;

    public static JiebaDictionary Empty() => new(new(StringComparer.Ordinal), new(StringComparer.Ordinal), 0);

    public long Total { get; private set; }

    public JiebaDictionary Copy() => new(new(_frequencies, StringComparer.Ordinal), new(_prefixes, StringComparer.Ordinal), Total);

    public bool Contains(string word) => _frequencies.ContainsKey(word);

    public bool IsPrefix(string text) => _prefixes.Contains(text);

    public long Frequency(string word, long absent) => _frequencies.TryGetValue(word, out var frequency) ? frequency : absent;

    /// <summary>jieba-rs <c>add_word(word, None, None)</c>: the frequency is <see cref="SuggestFrequency"/>'s.</summary>
    public void AddWord(string word, JiebaSegmenter segmenter)
    {
        if (word.Length == 0) return;
        var frequency = SuggestFrequency(word, segmenter);
        Total += frequency - (_frequencies.TryGetValue(word, out var old) ? old : 0);
        Set(word, frequency);
    }

    /// <summary>
    /// jieba-rs <c>suggest_freq</c>: the frequency that makes the word win against its current cut, computed in
    /// doubles as jieba-rs does (an empty dictionary gives NaN there, which casts to 0, so 1).
    /// </summary>
    public long SuggestFrequency(string segment, JiebaSegmenter segmenter)
    {
        var logTotal = Math.Log(Total);
        var logFrequency = 0.0;
        foreach (var word in segmenter.Cut(segment, hmm: false)) logFrequency += Math.Log(Frequency(word, 1)) - logTotal;
        return Math.Max(SaturatingToLong(Math.Exp(logFrequency + logTotal)) + 1, Frequency(segment, 1));
    }

    // Rust's `f64 as usize`: NaN is 0, negative values 0, too large values the maximum.
    private static long SaturatingToLong(double value) =>
        double.IsNaN(value) || value <= 0 ? 0 : value >= long.MaxValue ? long.MaxValue - 1 : (long)value;

    private void Set(string word, long frequency)
    {
        _frequencies[word] = frequency;
        for (var length = 1; length <= word.Length; length++) _prefixes.Add(word[..length]);
    }

    private static JiebaDictionary LoadDefault()
    {
        var dictionary = Empty();
        var path = Path.Combine(Path.GetDirectoryName(typeof(JiebaDictionary).Assembly.Location)!, "jieba", "dict.txt");
        foreach (var line in File.ReadLines(path))
        {
            // "word freq [tag]", as jieba-rs load_dict reads it.
            var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 0) continue;
            dictionary.Set(parts[0], parts.Length > 1 ? long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) : 0);
        }
        dictionary.Total = dictionary._frequencies.Values.Sum();
        return dictionary;
    }
}
