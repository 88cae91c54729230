using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Milvus.Local.Search;

namespace Milvus.Local.Indexes.Quantization;

/// <summary>
/// Lloyd's k-means over the rows of a dense row-major matrix, as faiss's Clustering trains the codebooks of a product
/// quantizer and the coarse centroids of every IVF type: centroids seeded from distinct rows (fixed seed, so a build
/// is reproducible), rows assigned by squared L2 or, for an IP / COSINE index, by the largest inner product (faiss
/// clusters with the index's own quantizer), an empty cluster re-seeded by splitting the largest one.
/// </summary>
internal static class KMeans
{
    /// <summary>The <paramref name="k"/> centroids (k x dim, row-major) of <paramref name="count"/> rows of <paramref name="data"/>.</summary>
    /// <exception cref="ArgumentException">Fewer rows than clusters (faiss refuses the same training set).</exception>
    public static float[] Train(float[] data, int count, int dim, int k, int iterations, int seed, CancellationToken cancellationToken = default, Metric metric = Metric.L2)
    {
        if (count < k)
            throw new ArgumentException($"Number of training points ({count}) should be at least as large as number of clusters ({k})");
        var random = new Random(seed);
        var centroids = new float[k * dim];
        var seeds = Enumerable.Range(0, count).OrderBy(_ => random.Next()).Take(k).ToArray();
        for (var c = 0; c < k; c++) data.AsSpan(seeds[c] * dim, dim).CopyTo(centroids.AsSpan(c * dim, dim));
        var assignment = new int[count];
        var sums = new double[k * dim];
        var sizes = new int[k];
        for (var round = 0; round < iterations; round++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var current = centroids;
            Parallel.For(0, count, new ParallelOptions { CancellationToken = cancellationToken },
                i => assignment[i] = Nearest(current, k, dim, data.AsSpan(i * dim, dim), metric));
            Array.Clear(sums);
            Array.Clear(sizes);
            for (var i = 0; i < count; i++)
            {
                var c = assignment[i];
                sizes[c]++;
                var row = data.AsSpan(i * dim, dim);
                var sum = sums.AsSpan(c * dim, dim);
                for (var d = 0; d < dim; d++) sum[d] += row[d];
            }
            for (var c = 0; c < k; c++)
                if (sizes[c] > 0)
                    for (var d = 0; d < dim; d++) centroids[c * dim + d] = (float)(sums[c * dim + d] / sizes[c]);
            SplitIntoEmpty(centroids, sizes, dim, random);
        }
        return centroids;
    }

    /// <summary>
    /// The index of the centroid nearest <paramref name="x"/>: the smallest squared L2 distance, or for IP (and COSINE on
    /// normalized rows) the largest inner product; the lower index on a tie.
    /// </summary>
    public static int Nearest(ReadOnlySpan<float> centroids, int k, int dim, ReadOnlySpan<float> x, Metric metric = Metric.L2)
    {
        ref var q = ref MemoryMarshal.GetReference(x);
        ref var c0 = ref MemoryMarshal.GetReference(centroids);
        var l2 = metric == Metric.L2;
        var best = 0;
        var bestDistance = float.MaxValue;
        for (var c = 0; c < k; c++)
        {
            ref var centroid = ref Unsafe.Add(ref c0, c * dim);
            var d = l2 ? Kernels.L2Squared(ref q, ref centroid, dim) : -Kernels.Dot(ref q, ref centroid, dim);
            if (d < bestDistance) { bestDistance = d; best = c; }
        }
        return best;
    }

    /// <summary>
    /// faiss's remedy for an empty cluster: it takes half of the largest cluster, both centroids nudged apart
    /// symmetrically, so the next round divides that cluster's rows between them.
    /// </summary>
    private static void SplitIntoEmpty(float[] centroids, int[] sizes, int dim, Random random)
    {
        const float Nudge = 1f / 1024;
        for (var empty = 0; empty < sizes.Length; empty++)
        {
            if (sizes[empty] > 0) continue;
            var largest = 0;
            for (var c = 1; c < sizes.Length; c++) if (sizes[c] > sizes[largest]) largest = c;
            if (sizes[largest] < 2) return;
            for (var d = 0; d < dim; d++)
            {
                var value = centroids[largest * dim + d];
                var sign = random.Next(2) == 0 ? 1 : -1;
                centroids[empty * dim + d] = value * (1 + sign * Nudge);
                centroids[largest * dim + d] = value * (1 - sign * Nudge);
            }
            sizes[empty] = sizes[largest] / 2;
            sizes[largest] -= sizes[empty];
        }
    }
}
