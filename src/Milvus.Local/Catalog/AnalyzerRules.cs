using Milvus.Local.Analysis;
using Milvus.Local.Errors;
using Milvus.Protocol.Schema;

namespace Milvus.Local.Catalog;

/// <summary>
/// CreateCollection's analyzer checks (Milvus's <c>validateAnalyzer</c> and <c>validateMultiAnalyzerParams</c>,
/// then the query node's ValidateAnalyzer): only fields with <c>enable_match</c> or feeding a BM25 function
/// are checked, and those must enable the analyzer and carry valid parameters.
/// </summary>
internal static class AnalyzerRules
{
    public static void Validate(CollectionSchema schema)
    {
        var bm25Inputs = schema.Functions.Where(f => f.Type == FunctionType.Bm25).SelectMany(f => f.InputFieldNames).ToHashSet(StringComparer.Ordinal);
        foreach (var field in schema.Fields)
        {
            var match = FieldAnalyzer.IsMatchEnabled(field);
            if (!match && !bm25Inputs.Contains(field.Name)) continue;
            if (!FieldAnalyzer.IsEnabled(field))
                throw MilvusError.Plain($"field {field.Name} which has enable_match or is input of BM25 function must also enable_analyzer");
            if (FieldAnalyzer.TypeParam(field, "multi_analyzer_params") is not null)
            {
                if (match) throw MilvusError.Plain($"multi analyzer now only support for bm25, but now field {field.Name} enable match");
                if (FieldAnalyzer.TypeParam(field, "analyzer_params") is not null)
                    throw MilvusError.Plain($"field {field.Name} analyzer params should be none if has multi analyzer params");
                ValidateByField(schema, field);
            }
            try { FieldAnalyzer.For(field); }
            catch (AnalyzerException e) when (e.AnalyzerName is { } name)
            {
                throw MilvusError.InvalidParameter($"validate analyzer failed for field: {field.Name}, name: {name}, error: {e.Message}");
            }
            catch (AnalyzerException e) when (FieldAnalyzer.TypeParam(field, "multi_analyzer_params") is not null)
            {
                throw MilvusError.Plain(e.Message);
            }
            catch (AnalyzerException e)
            {
                throw MilvusError.InvalidParameter($"validate analyzer failed for field: {field.Name}, error: {e.Message}");
            }
        }
    }

    /// <summary>The <c>by_field</c> of multi-analyzer params must name a VARCHAR field of the collection.</summary>
    private static void ValidateByField(CollectionSchema schema, FieldSchema field)
    {
        // The JSON shape errors (missing or non-string by_field) come from FieldAnalyzer.For; check existence once it parses.
        string? byField;
        try { byField = FieldAnalyzer.For(field).ByField; }
        catch (AnalyzerException) { return; }
        var target = schema.Fields.FirstOrDefault(f => f.Name == byField);
        if (target is null) throw MilvusError.Plain($"multi analyzer dependent field \"{byField}\" not exist in collection {schema.Name}");
        if (target.DataType != DataType.VarChar)
            throw MilvusError.Plain($"multi analyzer params now only support by string field, but field {target.Name} is not string");
    }
}
