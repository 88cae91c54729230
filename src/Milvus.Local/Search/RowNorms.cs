using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using Milvus.Local.Columns;

namespace Milvus.Local.Search;

/// <summary>Euclidean norms of a dense column's rows, computed once per column (columns are immutable) for COSINE.</summary>
internal static class RowNorms
{
    private static readonly ConditionalWeakTable<DenseVectorColumn, float[]> Cache = new();

    public static float[] Of(DenseVectorColumn column) => Cache.GetValue(column, Compute);

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
}
