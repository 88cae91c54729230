using System.Collections.Concurrent;
using Milvus.Local.Analysis;
using Milvus.Local.Catalog;
using Milvus.Local.Columns;
using Milvus.Local.Errors;
using Milvus.Protocol.Schema;

namespace Milvus.Local.FullText;

/// <summary>
/// Milvus's BM25 function runner: the input field's analyzer turns a text into tokens, each token's hash
/// (<see cref="TermHash"/>) becomes a sparse dimension and its count in the text the value. The engine fills the
/// function's output column on insert and upsert, and turns search texts into query term frequencies.
/// </summary>
internal static class Bm25Function
{
    private static readonly ConcurrentDictionary<string, FieldAnalyzer> Analyzers = new();

    /// <summary>Fills the output column of each BM25 function whose input column is in <paramref name="columns"/>.</summary>
    /// <param name="onlyMissing">Fill only outputs the columns lack (rows written before add_function_field added the function).</param>
    public static void Fill(CollectionSchema schema, IDictionary<long, Column> columns, bool onlyMissing = false)
    {
        foreach (var function in schema.Functions.Where(f => f.Type == FunctionType.Bm25))
        {
            var input = schema.Fields.First(f => f.FieldID == function.InputFieldIds[0]);
            if (!columns.TryGetValue(input.FieldID, out var column) || (onlyMissing && columns.ContainsKey(function.OutputFieldIds[0]))) continue;
            var texts = ((StringColumn)column).Values;
            var analyzer = AnalyzerOf(input);
            var names = analyzer.ByField is { } byField && schema.Fields.FirstOrDefault(f => f.Name == byField) is { } nameField
                && columns.TryGetValue(nameField.FieldID, out var nameColumn) ? nameColumn as StringColumn : null;
            var rows = new SparseRow[texts.Length];
            for (var row = 0; row < rows.Length; row++)
                rows[row] = TermFrequencies(Tokens(analyzer, texts[row], names is null || names.IsNull(row) ? null : names.Values[row]));
            columns[function.OutputFieldIds[0]] = new SparseVectorColumn(rows);
        }
    }

    /// <summary>The term frequencies of a search text, analyzed as the input field analyzes its values.</summary>
    public static SparseRow QueryTerms(FieldSchema input, string text, string? analyzerName = null)
        => TermFrequencies(Tokens(AnalyzerOf(input), text, analyzerName));

    /// <summary>Each distinct token hash with the number of times it occurs, in ascending hash order.</summary>
    public static SparseRow TermFrequencies(IEnumerable<string> tokens)
    {
        var counts = new SortedDictionary<uint, float>();
        foreach (var token in tokens)
        {
            var term = TermHash.Of(token);
            counts[term] = counts.GetValueOrDefault(term) + 1;
        }
        return new SparseRow(counts.Keys.ToArray(), counts.Values.ToArray());
    }

    private static IEnumerable<string> Tokens(FieldAnalyzer analyzer, string text, string? analyzerName)
        => analyzer.Analyze(text, analyzerName).Select(t => t.Text);

    private static FieldAnalyzer AnalyzerOf(FieldSchema input)
    {
        var key = string.Join("\u0001", input.TypeParams.Where(p => p.Key is "analyzer_params" or "multi_analyzer_params").Select(p => p.Key + "=" + p.Value));
        try { return Analyzers.GetOrAdd(key, _ => FieldAnalyzer.For(input)); }
        catch (AnalyzerException e) { throw MilvusError.InvalidParameter(e.Message); }
    }
}
