namespace Milvus.Local.Analysis.Filters;

/// <summary>Rewrites or drops tokens (the stages after the tokenizer).</summary>
internal interface ITokenFilter
{
    IEnumerable<AnalyzerToken> Apply(IEnumerable<AnalyzerToken> tokens);
}

/// <summary>A filter that keeps or drops each token unchanged.</summary>
internal abstract class TokenPredicateFilter : ITokenFilter
{
    protected abstract bool Keep(string text);

    public IEnumerable<AnalyzerToken> Apply(IEnumerable<AnalyzerToken> tokens) => tokens.Where(t => Keep(t.Text));
}

/// <summary>A filter that rewrites each token's text and keeps its offsets and position.</summary>
internal abstract class TokenTextFilter : ITokenFilter
{
    protected abstract string Rewrite(string text);

    public IEnumerable<AnalyzerToken> Apply(IEnumerable<AnalyzerToken> tokens) => tokens.Select(t => t with { Text = Rewrite(t.Text) });
}
