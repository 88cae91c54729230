namespace Milvus.Benchmarks.Data;

/// <summary>
/// Deterministic clustered vectors (Gaussian clusters around Gaussian centres), the shape of real embeddings,
/// and the exact top-k ground truth. Shared by the benchmark and the index tests (linked source).
/// </summary>
public static class ClusteredVectors
{
    /// <summary><paramref name="count"/> rows of <paramref name="dim"/> floats in <paramref name="clusters"/> clusters.</summary>
    public static float[][] Generate(int count, int dim, int clusters, int seed, float spread = 0.6f)
    {
        var random = new Random(seed);
        var centres = new float[clusters][];
        for (var c = 0; c < clusters; c++)
        {
            centres[c] = new float[dim];
            for (var i = 0; i < dim; i++) centres[c][i] = Gaussian(random);
        }
        var rows = new float[count][];
        for (var r = 0; r < count; r++)
        {
            var centre = centres[random.Next(clusters)];
            rows[r] = new float[dim];
            for (var i = 0; i < dim; i++) rows[r][i] = centre[i] + spread * Gaussian(random);
        }
        return rows;
    }

    /// <summary>Exact best-first row numbers per query (L2: squared distance; IP and COSINE: similarity), among rows <paramref name="allowed"/> passes.</summary>
    public static int[][] GroundTruth(float[][] rows, float[][] queries, int k, string metric, Func<int, bool>? allowed = null)
    {
        var norms = rows.Select(r => System.Numerics.Tensors.TensorPrimitives.Norm(r)).ToArray();
        var truth = new int[queries.Length][];
        Parallel.For(0, queries.Length, q =>
        {
            // Bounded insertion list: k is small, rows are many.
            var best = new List<(float Distance, int Row)>(k + 1);
            for (var r = 0; r < rows.Length; r++)
            {
                if (allowed is not null && !allowed(r)) continue;
                var d = metric switch
                {
                    "L2" => System.Numerics.Tensors.TensorPrimitives.Distance(queries[q], rows[r]) is var e ? e * e : 0,
                    "IP" => -System.Numerics.Tensors.TensorPrimitives.Dot(queries[q], rows[r]),
                    _ => -System.Numerics.Tensors.TensorPrimitives.Dot(queries[q], rows[r]) / norms[r],
                };
                if (best.Count == k && d >= best[^1].Distance) continue;
                var at = best.FindIndex(b => b.Distance > d);
                best.Insert(at < 0 ? best.Count : at, (d, r));
                if (best.Count > k) best.RemoveAt(k);
            }
            truth[q] = best.Select(b => b.Row).ToArray();
        });
        return truth;
    }

    /// <summary>Smaller is closer: squared L2, negated inner product, negated cosine.</summary>
    public static float Distance(float[] a, float[] b, string metric)
    {
        double dot = 0, l2 = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            l2 += (a[i] - b[i]) * (a[i] - b[i]);
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return metric switch
        {
            "L2" => (float)l2,
            "IP" => (float)-dot,
            _ => (float)(-dot / Math.Sqrt(na * nb)),
        };
    }

    /// <summary>Share of the true top-k found in <paramref name="found"/>, averaged over queries.</summary>
    public static double Recall(int[][] truth, IReadOnlyList<IReadOnlyCollection<int>> found)
    {
        double hits = 0, total = 0;
        for (var q = 0; q < truth.Length; q++)
        {
            hits += truth[q].Count(found[q].Contains);
            total += truth[q].Length;
        }
        return total == 0 ? 1 : hits / total;
    }

    private static float Gaussian(Random random)
    {
        var u1 = 1 - random.NextDouble();
        var u2 = random.NextDouble();
        return (float)(Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
    }
}
