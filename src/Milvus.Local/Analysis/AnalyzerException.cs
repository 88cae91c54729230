namespace Milvus.Local.Analysis;

/// <summary>
/// Invalid analyzer parameters; the message is the one Milvus's analyzer builder (tantivy-binding) gives.
/// <see cref="AnalyzerName"/> names the analyzer inside <c>multi_analyzer_params</c> that failed, as Milvus's error does.
/// </summary>
public sealed class AnalyzerException(string message, string? analyzerName = null) : Exception(message)
{
    public string? AnalyzerName { get; } = analyzerName;
}
