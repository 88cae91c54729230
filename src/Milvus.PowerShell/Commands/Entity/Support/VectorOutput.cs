using Milvus.Client;

namespace Milvus.PowerShell.Commands;

/// <summary>
/// Vector values as PowerShell users read and write them back: int8 vectors as [sbyte[]] (so -100 reads -100, not
/// 156), float16 and bfloat16 vectors as [float[]] (not their raw bytes), sparse vectors as a dictionary with text keys in index order, which ConvertTo-Json accepts and
/// Add-MilvusEntity and Search-MilvusEntity take back.
/// </summary>
internal static class VectorOutput
{
    public static object? ToOutput(object? value, DataType type) => (type, value) switch
    {
        (DataType.Int8Vector, byte[] bytes) when bytes.GetType() == typeof(byte[]) => Array.ConvertAll(bytes, b => unchecked((sbyte)b)),
        (DataType.Float16Vector, byte[] bytes) => HalfPrecision.FromFloat16(bytes),
        (DataType.BFloat16Vector, byte[] bytes) => HalfPrecision.FromBFloat16(bytes),
        (DataType.SparseFloatVector, IReadOnlyDictionary<uint, float> sparse) => sparse.OrderBy(p => p.Key)
            .ToDictionary(p => p.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), p => p.Value, StringComparer.Ordinal),
        _ => value,
    };
}
