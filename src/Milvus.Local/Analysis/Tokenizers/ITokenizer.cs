namespace Milvus.Local.Analysis.Tokenizers;

/// <summary>Splits text into tokens (the first stage of an analyzer).</summary>
internal interface ITokenizer
{
    IEnumerable<AnalyzerToken> Tokenize(string text);
}
