using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace Milvus.PowerShell.Completion;

/// <summary>
/// Suggests well-known values without restricting them (ArgumentCompletions, which PowerShellStandard lacks): Milvus
/// adds metrics and index types over time, so a ValidateSet would wrongly reject new ones.
/// </summary>
public abstract class FixedValuesCompleter : IArgumentCompleter
{
    protected abstract IReadOnlyList<string> Values { get; }

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters) => MilvusNameCompleter.Filter(Values, wordToComplete);
}

/// <summary>Vector metric types.</summary>
public sealed class MetricTypeCompleter : FixedValuesCompleter
{
    protected override IReadOnlyList<string> Values { get; } =
        ["COSINE", "L2", "IP", "HAMMING", "JACCARD", "BM25", "MHJACCARD", "MAX_SIM_COSINE", "MAX_SIM_IP", "MAX_SIM_L2"];
}

/// <summary>Index types (vector and scalar).</summary>
public sealed class IndexTypeCompleter : FixedValuesCompleter
{
    protected override IReadOnlyList<string> Values { get; } =
    [
        "AUTOINDEX", "FLAT", "IVF_FLAT", "IVF_SQ8", "IVF_PQ", "IVF_RABITQ", "HNSW", "HNSW_SQ", "HNSW_PQ", "HNSW_PRQ", "DISKANN", "SCANN",
        "BIN_FLAT", "BIN_IVF_FLAT", "SPARSE_INVERTED_INDEX", "SPARSE_WAND", "MINHASH_LSH",
        "INVERTED", "STL_SORT", "TRIE", "BITMAP", "NGRAM", "RTREE",
    ];
}
