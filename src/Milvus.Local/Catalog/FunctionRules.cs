using Milvus.Local.Errors;
using Milvus.Protocol.Schema;

namespace Milvus.Local.Catalog;

/// <summary>
/// Schema functions as Milvus's proxy checks them (validateFunction, checkFunctionBasicParams, checkFunctionInputField,
/// checkFunctionOutputField; plain errors, code 65535) and as its root coordinator stores them (ids from 100, input and
/// output field ids, outputs flagged is_function_output). The engine runs BM25; other function types are not supported.
/// </summary>
internal static class FunctionRules
{
    public const long FirstFunctionId = 100;

    /// <summary>Checks the schema's functions (before field ids exist) and flags their output fields.</summary>
    public static void Validate(CollectionSchema schema)
    {
        var byName = schema.Fields.GroupBy(f => f.Name).ToDictionary(g => g.Key, g => g.First());
        var usedOutputs = new HashSet<string>();
        var usedNames = new HashSet<string>();
        foreach (var function in schema.Functions)
        {
            CheckBasics(function);
            if (!usedNames.Add(function.Name)) throw MilvusError.Plain($"duplicate function name: {function.Name}");
            var inputs = function.InputFieldNames.Select(name =>
            {
                var input = byName.GetValueOrDefault(name) ?? throw MilvusError.Plain($"function input field not found: {name}");
                if (input.Nullable) throw MilvusError.Plain($"function input field cannot be nullable: function {function.Name}, field {input.Name}");
                return input;
            }).ToList();
            CheckInputs(inputs);
            var outputs = function.OutputFieldNames.Select(name =>
            {
                var output = byName.GetValueOrDefault(name) ?? throw MilvusError.Plain($"function output field not found: {name}");
                if (output.IsPrimaryKey) throw MilvusError.Plain($"function output field cannot be primary key: function {function.Name}, field {output.Name}");
                if (output.IsPartitionKey || output.IsClusteringKey)
                    throw MilvusError.Plain($"function output field cannot be partition key or clustering key: function {function.Name}, field {output.Name}");
                if (output.Nullable) throw MilvusError.Plain($"function output field cannot be nullable: function {function.Name}, field {output.Name}");
                output.IsFunctionOutput = true;
                if (!usedOutputs.Add(name)) throw MilvusError.Plain($"duplicate function output field: function {function.Name}, field {name}");
                return output;
            }).ToList();
            if (outputs.Count != 1) throw MilvusError.Plain($"BM25 function only need 1 output field, but got {outputs.Count}");
            if (outputs[0].DataType != DataType.SparseFloatVector)
                throw MilvusError.Plain($"BM25 function output field must be a SparseFloatVector field, but got {outputs[0].DataType}");
        }
    }

    /// <summary>Gives each function its id and its fields' ids (call once the fields have theirs).</summary>
    public static void AssignIds(CollectionSchema schema, long firstId = FirstFunctionId)
    {
        var ids = schema.Fields.ToDictionary(f => f.Name, f => f.FieldID);
        for (var i = 0; i < schema.Functions.Count; i++)
        {
            var function = schema.Functions[i];
            if (function.Id == 0) function.Id = firstId + i;
            function.InputFieldIds.Clear();
            function.InputFieldIds.Add(function.InputFieldNames.Select(n => ids[n]));
            function.OutputFieldIds.Clear();
            function.OutputFieldIds.Add(function.OutputFieldNames.Select(n => ids[n]));
        }
    }

    /// <summary>The BM25 function whose output is <paramref name="fieldId"/>, if any.</summary>
    public static FunctionSchema? Bm25Producing(CollectionSchema schema, long fieldId)
        => schema.Functions.FirstOrDefault(f => f.Type == FunctionType.Bm25 && f.OutputFieldIds.Contains(fieldId));

    private static void CheckBasics(FunctionSchema function)
    {
        if (function.Name == "") throw MilvusError.Plain("function name cannot be empty");
        if (function.InputFieldNames.Count == 0) throw MilvusError.Plain($"function input field names cannot be empty, function: {function.Name}");
        if (function.OutputFieldNames.Count == 0) throw MilvusError.Plain($"function output field names cannot be empty, function: {function.Name}");
        foreach (var input in function.InputFieldNames)
        {
            if (input == "") throw MilvusError.Plain($"function input field name cannot be empty string, function: {function.Name}");
            if (function.InputFieldNames.Count(n => n == input) > 1)
                throw MilvusError.Plain($"each function input field should be used exactly once in the same function, function: {function.Name}, input field: {input}");
        }
        foreach (var output in function.OutputFieldNames)
        {
            if (output == "") throw MilvusError.Plain($"function output field name cannot be empty string, function: {function.Name}");
            if (function.InputFieldNames.Contains(output))
                throw MilvusError.Plain($"a single field cannot be both input and output in the same function, function: {function.Name}, field: {output}");
            if (function.OutputFieldNames.Count(n => n == output) > 1)
                throw MilvusError.Plain($"each function output field should be used exactly once in the same function, function: {function.Name}, output field: {output}");
        }
        if (function.Type != FunctionType.Bm25) throw MilvusError.NotSupported($"{function.Type} functions");
        if (function.Params.Count != 0) throw MilvusError.Plain("BM25 function accepts no params");
    }

    private static void CheckInputs(List<FieldSchema> inputs)
    {
        if (inputs.Count != 1 || inputs[0].DataType != DataType.VarChar)
            throw MilvusError.Plain($"BM25 function input field must be a VARCHAR field, got {inputs.Count} field with type {inputs[0].DataType}");
        if (!Analysis.FieldAnalyzer.IsEnabled(inputs[0])) throw MilvusError.Plain("BM25 function input field must set enable_analyzer to true");
    }
}
