using Milvus.Local.Analysis.Filters;
using Milvus.Local.Analysis.Tokenizers;

namespace Milvus.Local.Analysis;

/// <summary>
/// A Milvus analyzer: one tokenizer followed by filters, built by <see cref="AnalyzerFactory"/>.
/// Immutable and safe to share between threads.
/// </summary>
public sealed class Analyzer
{
    private readonly ITokenizer _tokenizer;
    private readonly IReadOnlyList<ITokenFilter> _filters;

    internal Analyzer(ITokenizer tokenizer, IReadOnlyList<ITokenFilter> filters)
    {
        _tokenizer = tokenizer;
        _filters = filters;
    }

    /// <summary>This analyzer with one more filter at the end.</summary>
    internal Analyzer Then(ITokenFilter filter) => new(_tokenizer, [.. _filters, filter]);

    /// <summary>The tokens of <paramref name="text"/>, in order.</summary>
    public IReadOnlyList<AnalyzerToken> Analyze(string text)
    {
        var tokens = _tokenizer.Tokenize(text);
        foreach (var filter in _filters) tokens = filter.Apply(tokens);
        return tokens.ToList();
    }
}
