using System.Collections;
using System.Management.Automation;
using Milvus.Client;

namespace Milvus.PowerShell.Commands;

/// <summary>
/// Query vectors as pymilvus's <c>data=</c> takes them, for every vector type: the value bound to -Vector (numbers, CSV
/// text, a hashtable or dictionary, [byte[]], [sbyte[]]) is converted by the type of the searched field, the way
/// Add-MilvusEntity converts that field's values: a hashtable or "{"3": 0.5}" text for sparse, [byte[]] (packed bits)
/// for binary, [sbyte[]] or integers for int8, and numbers for float16/bfloat16.
/// </summary>
internal static class QueryVector
{
    /// <summary>
    /// What -Vector binds to: typed vectors and dictionaries as given, anything else read as a dense vector now, so
    /// that text which is not numbers is a parameter binding error.
    /// </summary>
    public static object Bind(object? value)
    {
        object? raw = value is PSObject ps ? ps.BaseObject : value;
        return raw switch
        {
            IDictionary or byte[] or PSCustomObject => value!,
            Array a when a.GetType() == typeof(sbyte[]) => a,   // byte[] and sbyte[] match each other's patterns; the runtime type decides
            string text when text.TrimStart().StartsWith('{') => text,   // sparse vector as JSON text
            IEnumerable list when ListOfVectors(list) is { } vectors => new QueryVectorList(vectors.Select(Bind).ToArray()),
            _ => VectorText.ToFloats(value),
        };
    }

    /// <summary>The queries a bound -Vector holds: each vector of a <see cref="QueryVectorList"/>, or the one vector.</summary>
    public static IReadOnlyList<object> Each(object bound) => bound is QueryVectorList list ? list.Vectors : [bound];

    /// <summary>
    /// The items of a list of vectors (pymilvus data=[[...], [...]]: several queries), or null for one vector. A list
    /// that mixes vectors and numbers is neither, and says so.
    /// </summary>
    private static List<object?>? ListOfVectors(IEnumerable list)
    {
        if (list is string or float[] or double[] or IList<float>)
        {
            return null;
        }

        List<object?> items = list.Cast<object?>().ToList();
        int nested = 0, texts = 0;
        foreach (object? item in items)
        {
            switch (item is PSObject ps ? ps.BaseObject : item)
            {
                case string: texts++; break;
                case IEnumerable: nested++; break;   // a list of numbers, [byte[]], a sparse hashtable
            }
        }

        if (nested == 0)
        {
            return null;   // numbers (or number text): one vector
        }

        // Beside nested vectors, text is a vector too ("0.1,0.2", as a CSV cell holds one).
        int vectors = nested + texts;
        if (vectors < items.Count)
        {
            throw new FormatException($"it mixes {vectors} vectors with {items.Count - vectors} numbers; give one vector, or a list of vectors for several queries");
        }

        return items;
    }

    /// <summary>The vector field a search uses: -AnnsField, or the collection's only (first) vector field.</summary>
    public static FieldSchema? FieldOf(CollectionDescription schema, string? annsField) =>
        string.IsNullOrEmpty(annsField)
            ? schema.Fields.FirstOrDefault(f => EntityOutput.IsVector(f.DataType))
            : schema.Fields.FirstOrDefault(f => string.Equals(f.Name, annsField, StringComparison.Ordinal));

    /// <summary>The query in the form the client sends for <paramref name="field"/>'s type; as bound when the field is unknown.</summary>
    /// <exception cref="FormatException">The value does not fit the field's vector type.</exception>
    public static object ForField(object value, FieldSchema? field)
    {
        if (field is null || !EntityOutput.IsVector(field.DataType) || field.DataType == DataType.ArrayOfVector)
        {
            return value is PSObject ps ? ps.BaseObject : value;   // the server names the problem (unknown field and such)
        }

        object query = FieldValueConverter.Convert(value, field)!;
        int? dimensions = DimensionsOf(query, field.DataType);
        if (field.Dim is int expected && dimensions is int actual && actual != expected)
        {
            // Milvus would answer in bytes ("expected vector size(byte) 512"); say it in the field's own unit.
            throw new FormatException($"it has {actual} dimensions, but field '{field.Name}' ({field.DataType}) has {expected}");
        }

        return query;
    }

    /// <summary>The dimensions of a converted query vector; null for sparse vectors, which have none.</summary>
    private static int? DimensionsOf(object query, DataType type) => (type, query) switch
    {
        (DataType.BinaryVector, byte[] bits) => bits.Length * 8,
        (DataType.Float16Vector or DataType.BFloat16Vector, byte[] halves) => halves.Length / 2,
        (DataType.SparseFloatVector, _) => null,
        (_, Array values) => values.Length,
        _ => null,
    };
}
