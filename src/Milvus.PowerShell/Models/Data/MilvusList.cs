using System.Collections.ObjectModel;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Milvus.PowerShell.Models;

/// <summary>
/// The value of a vector or ARRAY field in an entity or search hit. It reads as a list (<c>$row.vector[0]</c>,
/// <c>[float[]] $row.vector</c>, <c>ConvertTo-Json</c> writes a JSON array), and its text is that JSON array, because
/// <c>Export-Csv</c> writes every value's ToString(): <c>[0.1,0.25]</c> instead of <c>System.Single[]</c>, which
/// <c>Import-Csv | Add-MilvusEntity</c> reads back unchanged.
/// </summary>
/// <typeparam name="T">float (float, float16, bfloat16 vectors), sbyte (int8), byte (binary, packed bits) or object (ARRAY).</typeparam>
public sealed class MilvusList<T> : ReadOnlyCollection<T>
{
    public MilvusList(IList<T> items)
        : base(items)
    {
    }

    /// <summary>The values as JSON text (floats in their shortest exact form, bytes as numbers).</summary>
    public override string ToString() => JsonSerializer.Serialize<IEnumerable<T>>(this, MilvusJsonText.Options);
}

/// <summary>
/// A sparse vector in an entity or search hit: index (as text, which <c>ConvertTo-Json</c> requires) = value, in
/// index order. Its text is the JSON object <c>{"3":0.5}</c>, so <c>Export-Csv</c> keeps it.
/// </summary>
public sealed class MilvusSparseVector : ReadOnlyDictionary<string, float>
{
    public MilvusSparseVector(IDictionary<string, float> values)
        : base(values)
    {
    }

    /// <summary>The vector as a JSON object of index: value pairs.</summary>
    public override string ToString() => JsonSerializer.Serialize<IDictionary<string, float>>(this, MilvusJsonText.Options);
}

/// <summary>How list values write themselves: compact JSON that keeps non-ASCII text readable.</summary>
internal static class MilvusJsonText
{
    public static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
