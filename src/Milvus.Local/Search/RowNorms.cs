using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Milvus.Local.Columns;
using Milvus.Protocol.Schema;

namespace Milvus.Local.Search;

/// <summary>
/// Euclidean norms of a dense column's rows, computed once per column (columns are immutable) for COSINE, and the
/// squared norms of a FLOAT_VECTOR column's rows for the batched scan's L2 estimate.
/// </summary>
internal static class RowNorms
{
    private static readonly ConditionalWeakTable<DenseVectorColumn, float[]> Cache = new();
    private static readonly ConditionalWeakTable<DenseVectorColumn, float[]> SquaredCache = new();

    public static float[] Of(DenseVectorColumn column) => Cache.GetValue(column, Compute);

    /// <summary>|x|² of each row of a FLOAT_VECTOR column.</summary>
    public static float[] SquaredOf(DenseVectorColumn column) => SquaredCache.GetValue(column, ComputeSquared);

    private static float[] Compute(DenseVectorColumn column)
    {
        var norms = new float[column.Length];
        var scratch = new float[column.Dim];
        for (var row = 0; row < norms.Length; row++)
        {
            DenseConversion.ToFloat(column.DataType, column.Row(row), scratch);
            norms[row] = TensorPrimitives.Norm(scratch);
        }
        return norms;
    }

    private static float[] ComputeSquared(DenseVectorColumn column)
    {
        if (column.DataType != DataType.FloatVector) throw new InvalidOperationException("squared norms are kept for FLOAT_VECTOR columns only");
        var squared = new float[column.Length];
        for (var row = 0; row < squared.Length; row++)
            squared[row] = TensorPrimitives.SumOfSquares(MemoryMarshal.Cast<byte, float>(column.Row(row)));
        return squared;
    }
}
