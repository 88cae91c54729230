using System.Globalization;
using Milvus.Client;
using Milvus.PowerShell.Models;

namespace Milvus.PowerShell.Commands;

/// <summary>
/// Vector and ARRAY values as PowerShell users read and write them back: int8 vectors as sbyte values (so -100 reads
/// -100, not 156), float16 and bfloat16 vectors as floats (not their raw bytes), sparse vectors as a dictionary with
/// text keys in index order, which ConvertTo-Json accepts. Lists come as <see cref="MilvusList{T}"/> and sparse
/// vectors as <see cref="MilvusSparseVector"/>, whose text is JSON, so Export-Csv writes values that
/// Add-MilvusEntity and Search-MilvusEntity take back.
/// </summary>
internal static class VectorOutput
{
    /// <summary>True for the field types whose values <see cref="ToOutput"/> reshapes.</summary>
    public static bool Reshapes(DataType type) => type is DataType.FloatVector or DataType.BinaryVector or DataType.Int8Vector
        or DataType.Float16Vector or DataType.BFloat16Vector or DataType.SparseFloatVector or DataType.Array;

    public static object? ToOutput(object? value, DataType type) => (type, value) switch
    {
        (DataType.FloatVector, float[] floats) => new MilvusList<float>(floats),
        (DataType.Int8Vector, byte[] bytes) when bytes.GetType() == typeof(byte[]) => new MilvusList<sbyte>(Array.ConvertAll(bytes, b => unchecked((sbyte)b))),
        (DataType.BinaryVector, byte[] bytes) => new MilvusList<byte>(bytes),
        (DataType.Float16Vector, byte[] bytes) => new MilvusList<float>(HalfPrecision.FromFloat16(bytes)),
        (DataType.BFloat16Vector, byte[] bytes) => new MilvusList<float>(HalfPrecision.FromBFloat16(bytes)),
        (DataType.SparseFloatVector, IReadOnlyDictionary<uint, float> sparse) => new MilvusSparseVector(sparse.OrderBy(p => p.Key)
            .ToDictionary(p => p.Key.ToString(CultureInfo.InvariantCulture), p => p.Value, StringComparer.Ordinal)),
        (DataType.Array, IList<object?> items) => new MilvusList<object?>(items.Select(JsonValues.ToOutput).ToList()),
        _ => JsonValues.ToOutput(value),
    };
}
