using System.Text;

namespace Milvus.Local.Analysis.Tokenizers.Jieba;

/// <summary>
/// jieba-rs 0.7's segmentation (lib.rs <c>cut</c> and <c>tokenize</c>) over one dictionary: text is split into runs
/// of CJK ideographs, ASCII letters/digits and <c>+#&amp;._%-</c>, each run cut along the most probable path of its
/// word DAG (runs of single characters that are not a word go to the HMM when it is on, ASCII letters/digits are
/// joined when it is off), and whitespace and other characters become tokens of their own. Search mode adds the
/// dictionary's 2- and 3-character words inside longer words before the word. Positions count characters (code points).
/// </summary>
internal sealed class JiebaSegmenter(JiebaDictionary dictionary)
{
    public JiebaDictionary Dictionary { get; } = dictionary;

    public readonly record struct Token(string Word, int Start, int End);

    public List<Token> Tokenize(string text, bool searchMode, bool hmm)
    {
        var tokens = new List<Token>();
        var start = 0;
        foreach (var word in Cut(text, hmm))
        {
            var width = UnicodeClasses.CodePointCount(word);
            if (searchMode && width > 2)
            {
                var characters = word.EnumerateRunes().Select(r => r.ToString()).ToArray();
                AddGrams(characters, 2, start, tokens);
                if (width > 3) AddGrams(characters, 3, start, tokens);
            }
            tokens.Add(new Token(word, start, start + width));
            start += width;
        }
        return tokens;
    }

    private void AddGrams(string[] characters, int size, int start, List<Token> tokens)
    {
        for (var i = 0; i + size <= characters.Length; i++)
        {
            var gram = string.Join(string.Empty, characters, i, size);
            if (Dictionary.Contains(gram)) tokens.Add(new Token(gram, start + i, start + i + size));
        }
    }

    public List<string> Cut(string text, bool hmm)
    {
        var words = new List<string>();
        foreach (var (block, matched) in JiebaHmm.Split(text, IsBlockCharacter))
        {
            if (matched) CutBlock(block, hmm, words);
            else CutOther(block, words);
        }
        return words;
    }

    // RE_HAN_DEFAULT: CJK ideograph blocks (BMP and supplementary planes), ASCII letters and digits, and +#&._%-.
    private static bool IsBlockCharacter(Rune rune) => rune.Value switch
    {
        >= 0x3400 and <= 0x4DBF or >= 0x4E00 and <= 0x9FFF or >= 0xF900 and <= 0xFAFF => true,
        >= 0x20000 and <= 0x2A6DF or >= 0x2A700 and <= 0x2B73F or >= 0x2B740 and <= 0x2B81F => true,
        >= 0x2B820 and <= 0x2CEAF or >= 0x2CEB0 and <= 0x2EBEF or >= 0x2F800 and <= 0x2FA1F => true,
        >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' => true,
        '+' or '#' or '&' or '.' or '_' or '%' or '-' => true,
        _ => false,
    };

    // RE_SKIP_DEFAULT (\r\n|\s): each line break or whitespace character is a word; every other character is one.
    private static void CutOther(string block, List<string> words)
    {
        for (var i = 0; i < block.Length;)
        {
            if (block[i] == '\r' && i + 1 < block.Length && block[i + 1] == '\n') { words.Add("\r\n"); i += 2; continue; }
            var rune = Rune.GetRuneAt(block, i);
            words.Add(rune.ToString());
            i += rune.Utf16SequenceLength;
        }
    }

    private void CutBlock(string block, bool hmm, List<string> words)
    {
        var characters = block.EnumerateRunes().Select(r => r.ToString()).ToArray();
        var route = Route(characters);
        int? left = null;
        for (var x = 0; x < characters.Length;)
        {
            var y = route[x];
            var single = y - x == 1;
            if (single && (hmm || UnicodeClasses.IsAsciiAlphanumeric(Rune.GetRuneAt(characters[x], 0))))
            {
                left ??= x;
            }
            else
            {
                if (left is { } l) Flush(characters, l, x, hmm, words);
                left = null;
                words.Add(string.Join(string.Empty, characters, x, y - x));
            }
            x = y;
        }
        if (left is { } rest) Flush(characters, rest, characters.Length, hmm, words);
    }

    // A run of single-character steps: without the HMM, ASCII letters/digits joined; with it, one character as it is,
    // a run that is not a dictionary word through the HMM, a run that is one character by character.
    private void Flush(string[] characters, int from, int to, bool hmm, List<string> words)
    {
        var word = string.Join(string.Empty, characters, from, to - from);
        if (!hmm || to - from == 1) words.Add(word);
        else if (!Dictionary.Contains(word)) JiebaHmm.Cut(word, words);
        else for (var i = from; i < to; i++) words.Add(characters[i]);
    }

    /// <summary>
    /// The DAG of dictionary words starting at each character and, from the end backwards, the step of the most probable
    /// path (jieba-rs <c>dag</c> and <c>calc</c>): log frequency minus log total, summed; ties go to the later candidate
    /// as Rust's <c>max_by</c> does, so to the longer word.
    /// </summary>
    private int[] Route(string[] characters)
    {
        var count = characters.Length;
        var score = new double[count + 1];
        var next = new int[count + 1];
        var logTotal = Math.Log(Dictionary.Total);
        var prefix = new StringBuilder();
        for (var start = count - 1; start >= 0; start--)
        {
            var found = false;
            var bestScore = 0.0;
            var bestEnd = 0;
            prefix.Clear();
            for (var end = start + 1; end <= count; end++)
            {
                prefix.Append(characters[end - 1]);
                var fragment = prefix.ToString();
                if (!Dictionary.IsPrefix(fragment)) break;
                if (!Dictionary.Contains(fragment)) continue;
                var candidate = Math.Log(Dictionary.Frequency(fragment, 1)) - logTotal + score[end];
                if (!found || JiebaHmm.Compare(bestScore, bestEnd, candidate, end) <= 0)
                {
                    bestScore = candidate;
                    bestEnd = end;
                    found = true;
                }
            }
            if (!found)
            {
                bestEnd = start + 1;
                bestScore = Math.Log(1) - logTotal + score[bestEnd];
            }
            score[start] = bestScore;
            next[start] = bestEnd;
        }
        return next;
    }
}
