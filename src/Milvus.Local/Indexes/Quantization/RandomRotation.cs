using System.Numerics.Tensors;

namespace Milvus.Local.Indexes.Quantization;

/// <summary>
/// A random orthogonal rotation of d-dimensional vectors (faiss's RandomRotationMatrix, which IVF_RABITQ puts in
/// front of the quantizer): a seeded Gaussian matrix orthonormalized row by row. Rotating spreads a vector's energy
/// over every coordinate, which is what makes one sign bit per coordinate an unbiased estimator (RaBitQ, Gao and
/// Long 2024). Distances and inner products are unchanged by the rotation.
/// </summary>
internal sealed class RandomRotation
{
    private const int Seed = 1234;
    private readonly float[] _rows; // dim x dim, row-major: y[i] = <row i, x>

    private RandomRotation(int dim, float[] rows)
    {
        Dim = dim;
        _rows = rows;
    }

    public int Dim { get; }

    /// <summary>The matrix as stored (dim x dim floats).</summary>
    public ReadOnlySpan<float> Matrix => _rows;

    public static RandomRotation Create(int dim)
    {
        var random = new Random(Seed);
        var rows = new float[dim * dim];
        var row = new double[dim];
        for (var i = 0; i < dim; i++)
        {
            // Modified Gram-Schmidt in double precision: a draw nearly dependent on the previous rows is redrawn.
            while (true)
            {
                for (var d = 0; d < dim; d++) row[d] = Gaussian(random);
                for (var j = 0; j < i; j++)
                {
                    double dot = 0;
                    for (var d = 0; d < dim; d++) dot += row[d] * rows[j * dim + d];
                    for (var d = 0; d < dim; d++) row[d] -= dot * rows[j * dim + d];
                }
                double norm = 0;
                for (var d = 0; d < dim; d++) norm += row[d] * row[d];
                norm = Math.Sqrt(norm);
                if (norm < 1e-6) continue;
                for (var d = 0; d < dim; d++) rows[i * dim + d] = (float)(row[d] / norm);
                break;
            }
        }
        return new RandomRotation(dim, rows);
    }

    public static RandomRotation FromMatrix(int dim, float[] rows) => new(dim, rows);

    /// <summary>Writes the rotated <paramref name="x"/> into <paramref name="y"/> (y's first dim entries).</summary>
    public void Apply(ReadOnlySpan<float> x, Span<float> y)
    {
        for (var i = 0; i < Dim; i++) y[i] = TensorPrimitives.Dot(_rows.AsSpan(i * Dim, Dim), x);
    }

    private static double Gaussian(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
