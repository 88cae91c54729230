using System.Globalization;
using System.Text;

namespace Milvus.Local.Analysis.Tokenizers.Jieba;

/// <summary>
/// jieba-rs's HMM cut of a run of characters no dictionary word covers (hmm.rs): Chinese runs (U+4E00-U+9FD5) go
/// through a Viterbi search over the states Begin/End/Middle/Single with jieba-rs's model (hmm.model, probabilities
/// rounded as jieba-rs has them); other runs are split into <c>[a-zA-Z0-9]+(?:.\d+)?%?</c> matches and the text between.
/// </summary>
internal static class JiebaHmm
{
    private const int Begin = 0, End = 1, Middle = 2, Single = 3;
    private const double MinFloat = -3.14e100;
    private static readonly int[] States = [Begin, Middle, End, Single];
    private static readonly int[][] AllowedPrevious = [[End, Single], [Begin, Middle], [Middle, Begin], [Single, End]];
    private static readonly Lazy<Model> Probabilities = new(Model.Load);

    public static void Cut(string text, List<string> words)
    {
        foreach (var (block, isHan) in Split(text, IsHmmHan))
        {
            if (isHan)
            {
                if (block.EnumerateRunes().Count() > 1) CutHan(block, words);
                else words.Add(block);
            }
            else
            {
                foreach (var piece in SplitAlphaNumeric(block)) words.Add(piece);
            }
        }
    }

    private static bool IsHmmHan(Rune rune) => rune.Value is >= 0x4E00 and <= 0x9FD5;

    /// <summary>Maximal runs of runes that satisfy (or do not satisfy) a predicate, in order.</summary>
    internal static IEnumerable<(string Block, bool Matched)> Split(string text, Func<Rune, bool> predicate)
    {
        var start = 0;
        bool? current = null;
        var index = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            var matched = predicate(rune);
            if (current is { } c && c != matched)
            {
                yield return (text[start..index], c);
                start = index;
            }
            current = matched;
            index += rune.Utf16SequenceLength;
        }
        if (current is { } last) yield return (text[start..], last);
    }

    /// <summary>The non-empty pieces around and of the matches of <c>[a-zA-Z0-9]+(?:.\d+)?%?</c> (Rust regex: . is any rune but \n, \d Unicode).</summary>
    private static IEnumerable<string> SplitAlphaNumeric(string text)
    {
        var runes = text.EnumerateRunes().ToArray();
        var offsets = new int[runes.Length + 1];
        for (var i = 0; i < runes.Length; i++) offsets[i + 1] = offsets[i] + runes[i].Utf16SequenceLength;
        var last = 0;
        var i2 = 0;
        while (i2 < runes.Length)
        {
            if (!UnicodeClasses.IsAsciiAlphanumeric(runes[i2])) { i2++; continue; }
            var end = i2;
            while (end < runes.Length && UnicodeClasses.IsAsciiAlphanumeric(runes[end])) end++;
            if (end + 1 < runes.Length && runes[end].Value != '\n' && Rune.IsDigit(runes[end + 1]))
            {
                end += 2;
                while (end < runes.Length && Rune.IsDigit(runes[end])) end++;
            }
            if (end < runes.Length && runes[end].Value == '%') end++;
            if (i2 > last) yield return text[offsets[last]..offsets[i2]];
            yield return text[offsets[i2]..offsets[end]];
            last = i2 = end;
        }
        if (last < runes.Length) yield return text[offsets[last]..];
    }

    private static void CutHan(string text, List<string> words)
    {
        var characters = text.EnumerateRunes().Select(r => r.ToString()).ToArray();
        var path = Viterbi(characters);
        var begin = 0;
        var next = 0;
        for (var i = 0; i < characters.Length; i++)
        {
            switch (path[i])
            {
                case Begin: begin = i; break;
                case End: words.Add(string.Concat(characters[begin..(i + 1)])); next = i + 1; break;
                case Single: words.Add(characters[i]); next = i + 1; break;
            }
        }
        if (next < characters.Length) words.Add(string.Concat(characters[next..]));
    }

    private static int[] Viterbi(string[] characters)
    {
        var model = Probabilities.Value;
        var count = characters.Length;
        var v = new double[count, 4];
        var previous = new int[count, 4];
        foreach (var y in States) v[0, y] = model.Initial[y] + model.Emission(y, characters[0]);
        for (var t = 1; t < count; t++)
        {
            foreach (var y in States)
            {
                var emission = model.Emission(y, characters[t]);
                // Rust's max_by keeps the later of two equal candidates; pairs compare by probability, then by state.
                var bestProbability = 0.0;
                var bestState = -1;
                foreach (var y0 in AllowedPrevious[y])
                {
                    var probability = v[t - 1, y0] + model.Transition[y0, y] + emission;
                    if (bestState < 0 || Compare(bestProbability, bestState, probability, y0) <= 0)
                    {
                        bestProbability = probability;
                        bestState = y0;
                    }
                }
                v[t, y] = bestProbability;
                previous[t, y] = bestState;
            }
        }
        var state = Compare(v[count - 1, End], End, v[count - 1, Single], Single) <= 0 ? Single : End;
        var path = new int[count];
        for (var t = count - 1; t >= 0; t--)
        {
            path[t] = state;
            state = previous[t, state];
        }
        return path;
    }

    /// <summary>Rust's <c>(f64, T).partial_cmp(..).unwrap_or(Equal)</c>.</summary>
    internal static int Compare(double a, int aKey, double b, int bKey)
    {
        if (double.IsNaN(a) || double.IsNaN(b)) return 0;
        return a != b ? a.CompareTo(b) : aKey.CompareTo(bKey);
    }

    private sealed class Model
    {
        public required double[] Initial { get; init; }
        public required double[,] Transition { get; init; }
        public required Dictionary<string, double>[] Emissions { get; init; }

        public double Emission(int state, string character) => Emissions[state].TryGetValue(character, out var p) ? p : MinFloat;

        /// <summary>jieba-rs's hmm.model (embedded): comment lines, the start line, four transition lines, four emission lines.</summary>
        public static Model Load()
        {
            using var stream = typeof(JiebaHmm).Assembly.GetManifestResourceStream("Milvus.Local.Analysis.Tokenizers.Jieba.hmm.model")!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var lines = new List<string>();
            while (reader.ReadLine() is { } line) if (!line.StartsWith('#')) lines.Add(line);
            static double Parse(string s) => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
            var transition = new double[4, 4];
            for (var from = 0; from < 4; from++)
            {
                var row = lines[1 + from].Split(' ');
                for (var to = 0; to < 4; to++) transition[from, to] = Parse(row[to]);
            }
            var emissions = new Dictionary<string, double>[4];
            for (var state = 0; state < 4; state++)
            {
                emissions[state] = new(StringComparer.Ordinal);
                foreach (var entry in lines[5 + state].Split(','))
                {
                    var colon = entry.LastIndexOf(':');
                    emissions[state][entry[..colon]] = Parse(entry[(colon + 1)..]);
                }
            }
            return new Model { Initial = lines[0].Split(' ').Select(Parse).ToArray(), Transition = transition, Emissions = emissions };
        }
    }
}
