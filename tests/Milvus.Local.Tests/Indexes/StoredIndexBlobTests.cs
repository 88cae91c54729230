using System.Globalization;
using System.Runtime.InteropServices;
using Milvus.Benchmarks.Data;
using Milvus.Local.Columns;
using Milvus.Local.Indexes;
using Milvus.Local.Search;
using Milvus.Protocol.Schema;

namespace Milvus.Local.Tests.Indexes;

/// <summary>
/// Index blobs stored by the engine before IVF_SQ8 shared <see cref="ScalarCodes"/>, the IVF types shared one k-means
/// and SCANN scanned fast-scan blocks (main at e4d2762; Fixtures/Write-OldIndexBlobs.ps1 wrote them with that build,
/// with the hits it answered): they load and answer. 600 rows x 16 dims, 8 lists, every list probed.
/// </summary>
public sealed class StoredIndexBlobTests
{
    private const int Rows = 600;
    private const int Dim = 16;
    private static readonly IndexSearchOptions AllLists = new(null, 8, 100);

    [Fact]
    public void An_old_ivf_flat_blob_loads_unchanged_and_answers_as_before()
    {
        var (blob, before) = Fixture("ivf_flat-l2");
        var index = IvfIndex.Load(blob, Space("L2"));
        Assert.Equal(blob, index.Serialize());
        Assert.Equal(before, Answers(index, "L2"));
    }

    [Theory]
    [InlineData("L2")]
    [InlineData("IP")]
    public void An_old_scann_blob_keeps_its_bytes_and_answers_as_before(string metric)
    {
        // The codes are laid out in fast-scan blocks in memory only; the stored format is the same, byte for byte.
        var (blob, before) = Fixture("scann-" + metric.ToLowerInvariant());
        var index = IvfPqIndex.Load(blob, Space(metric));
        Assert.Equal("SCANN", index.IndexType);
        Assert.Equal(blob, index.Serialize());
        // reorder_k 100 re-ranks by the raw vectors: the same rows with the same exact distances.
        Assert.Equal(before, Answers(index, metric));
    }

    [Theory]
    [InlineData("L2")]
    [InlineData("COSINE")]
    public void An_old_ivf_sq8_blob_keeps_its_lists_and_encodes_the_rows_again(string metric)
    {
        var (blob, before) = Fixture("ivf_sq8-" + metric.ToLowerInvariant());
        Assert.Equal(1, BitConverter.ToInt32(blob, 12)); // the per-dimension min/step codes of before
        var space = Space(metric);
        var index = IvfIndex.Load(blob, space);
        Assert.Equal("IVF_SQ8", index.IndexType);
        var stored = index.Serialize();
        Assert.Equal(2, BitConverter.ToInt32(stored, 12)); // written again as ScalarCodes' SQ8
        // Header and lists (centroids, offsets, rows) as they were stored.
        var lists = 16 + (8 * Dim + 9 + Rows) * 4;
        Assert.Equal(blob.AsSpan(0, 12).ToArray(), stored.AsSpan(0, 12).ToArray());
        Assert.Equal(blob.AsSpan(16, lists - 16).ToArray(), stored.AsSpan(16, lists - 16).ToArray());
        // The same encoding as a fresh build: reloading the new blob answers exactly as the loaded one.
        var answers = Answers(index, metric);
        Assert.Equal(answers, Answers(IvfIndex.Load(stored, space), metric));
        // The codes rank at least as well as the old ones did, against exact ground truth.
        var truth = ClusteredVectors.GroundTruth(Enumerable.Range(0, Rows).Select(Vector).ToArray(), Enumerable.Range(10_000, 20).Select(Vector).ToArray(), 10, metric);
        var (now, then) = (Recall(truth, answers), Recall(truth, before));
        Assert.True(now >= then - 0.01, $"{metric}: recall@10 {now:F3} with the codes encoded again, {then:F3} with the old codes");
    }

    private static (byte[] Blob, (int Id, float Distance)[][] Hits) Fixture(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Indexes", "Fixtures");
        var hits = File.ReadAllLines(Path.Combine(folder, name + ".hits.txt"))
            .Select(line => line.Split(' ').Select(hit => hit.Split(':')).Select(p => (int.Parse(p[0], CultureInfo.InvariantCulture), float.Parse(p[1], CultureInfo.InvariantCulture))).ToArray())
            .ToArray();
        return (File.ReadAllBytes(Path.Combine(folder, name + ".bin")), hits);
    }

    private static double Recall(int[][] truth, (int Id, float Distance)[][] hits)
        => ClusteredVectors.Recall(truth, hits.Select(h => (IReadOnlyCollection<int>)h.Select(x => x.Id).ToList()).ToList());

    private static (int Id, float Distance)[][] Answers(IVectorIndex index, string metric)
        => Enumerable.Range(0, 20).Select(q => index.Search(index.Space.Prepare(Vector(10_000 + q)), 10, RowMask.Excluding(new bool[Rows]), AllLists)
            .Select(h => (h.Id, h.Distance)).ToArray()).ToArray();

    /// <summary>Row r of the fixtures' data (the generator computes the same): six clusters plus a per-row wobble.</summary>
    private static float[] Vector(int r)
    {
        var v = new float[Dim];
        for (var d = 0; d < Dim; d++) v[d] = (float)(Math.Sin(r % 6 * 2.1 + d * 1.37) * 3 + Math.Sin(r * 0.731 + d * 0.917) * 0.5);
        return v;
    }

    private static VectorSpace Space(string metric)
    {
        var bytes = MemoryMarshal.AsBytes(Enumerable.Range(0, Rows).SelectMany(Vector).ToArray().AsSpan()).ToArray();
        return new VectorSpace(new DenseVectorColumn(DataType.FloatVector, Dim, bytes, Rows), Metrics.Parse(metric));
    }
}
