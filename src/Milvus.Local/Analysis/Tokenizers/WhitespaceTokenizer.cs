namespace Milvus.Local.Analysis.Tokenizers;

/// <summary>Milvus's "whitespace" tokenizer, Tantivy's WhitespaceTokenizer: tokens are the runs between whitespace characters.</summary>
internal sealed class WhitespaceTokenizer : ITokenizer
{
    public static readonly WhitespaceTokenizer Instance = new();

    public IEnumerable<AnalyzerToken> Tokenize(string text)
    {
        var position = 0;
        var start = -1;
        for (var i = 0; i < text.Length; i++)
        {
            // Every Unicode White_Space character is in the BMP, so surrogates never separate.
            var space = char.IsWhiteSpace(text[i]);
            if (!space && start < 0) start = i;
            else if (space && start >= 0)
            {
                yield return new AnalyzerToken(text[start..i], start, i, position++);
                start = -1;
            }
        }
        if (start >= 0) yield return new AnalyzerToken(text[start..], start, text.Length, position);
    }
}
