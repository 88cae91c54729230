using System.Runtime.InteropServices;
using Milvus.Benchmarks.Data;
using Milvus.Local.Columns;
using Milvus.Local.Indexes;
using Milvus.Local.Search;
using Milvus.Protocol.Schema;

namespace Milvus.Local.Tests.Indexes;

/// <summary>
/// IVF_PQ and SCANN on their own: recall@10 against exact ground truth per metric, nprobe and reorder_k trading
/// recall, SCANN's exact re-ranked scores, filtered and deleted rows, the index's bytes per vector, storage round trip.
/// </summary>
public sealed class IvfPqIndexTests
{
    private const int Rows = 4000;
    private const int Dim = 32;
    private const int Lists = 16;
    private static readonly float[][] Data = ClusteredVectors.Generate(Rows, Dim, 40, seed: 7);
    private static readonly float[][] Queries = ClusteredVectors.Generate(100, Dim, 40, seed: 8);

    // Measured recall@10 (all lists probed) on this data: IVF_PQ m 16 nbits 8: L2 0.864, IP 0.855, COSINE 0.854;
    // SCANN (4-bit, sub_dim 2, reorder_k 40): L2 0.914, IP 0.890, COSINE 0.872.
    [Theory]
    [InlineData("IVF_PQ", "L2", 0.82)]
    [InlineData("IVF_PQ", "IP", 0.81)]
    [InlineData("IVF_PQ", "COSINE", 0.81)]
    [InlineData("SCANN", "L2", 0.87)]
    [InlineData("SCANN", "IP", 0.85)]
    [InlineData("SCANN", "COSINE", 0.83)]
    public void Recall_at_10_for_every_metric(string type, string metric, double minimum)
    {
        var index = Build(type, metric);
        var recall = ClusteredVectors.Recall(ClusteredVectors.GroundTruth(Data, Queries, 10, metric), Search(index, Everything(), new(null, Lists, 40)));
        Assert.True(recall >= minimum, $"{type} {metric} recall@10 {recall:F3} < {minimum}");
    }

    [Fact]
    public void Fewer_probes_and_a_smaller_reorder_k_lose_recall()
    {
        var truth = ClusteredVectors.GroundTruth(Data, Queries, 10, "L2");
        var ivfPq = Build("IVF_PQ", "L2");
        var oneList = ClusteredVectors.Recall(truth, Search(ivfPq, Everything(), new(null, 1)));
        var allLists = ClusteredVectors.Recall(truth, Search(ivfPq, Everything(), new(null, Lists)));
        Assert.True(oneList < allLists, $"nprobe 1: {oneList:F3}, nprobe {Lists}: {allLists:F3}");
        var scann = Build("SCANN", "L2");
        var reorderK = ClusteredVectors.Recall(truth, Search(scann, Everything(), new(null, Lists)));
        var reorder100 = ClusteredVectors.Recall(truth, Search(scann, Everything(), new(null, Lists, 100)));
        Assert.True(reorderK < reorder100, $"reorder_k 10: {reorderK:F3}, 100: {reorder100:F3}");
    }

    [Theory]
    [InlineData("L2")]
    [InlineData("COSINE")]
    public void Scann_with_raw_data_returns_exact_scores_and_without_it_code_distances(string metric)
    {
        var withRaw = Build("SCANN", metric);
        var query = withRaw.Space.Prepare(Queries[3]);
        var hits = withRaw.Search(query, 10, Everything(), new(null, Lists, 40));
        Assert.Equal(10, hits.Length);
        foreach (var hit in hits) Assert.Equal(ClusteredVectors.Distance(Queries[3], Data[hit.Id], metric), hit.Distance, 4);
        var codesOnly = IvfPqIndex.BuildScann(withRaw.Space, Lists, 2, withRawData: false, CancellationToken.None);
        var approximate = codesOnly.Search(query, 10, Everything(), new(null, Lists, 40));
        Assert.Equal(10, approximate.Length);
        Assert.Contains(approximate, hit => MathF.Abs(ClusteredVectors.Distance(Queries[3], Data[hit.Id], metric) - hit.Distance) > 1e-4f);
    }

    [Theory]
    [InlineData("IVF_PQ")]
    [InlineData("SCANN")]
    public void Filtered_and_deleted_rows_never_come_back(string type)
    {
        var index = Build(type, "L2");
        var allowed = Enumerable.Range(0, Rows).Select(r => r % 3 == 0).ToArray();
        var found = Search(index, RowMask.Of(allowed), new(null, Lists, 40));
        Assert.All(found, hits => { Assert.Equal(10, hits.Count); Assert.All(hits, row => Assert.True(allowed[row])); });
        var filtered = ClusteredVectors.Recall(ClusteredVectors.GroundTruth(Data, Queries, 10, "L2", r => allowed[r]), found);
        var unfiltered = ClusteredVectors.Recall(ClusteredVectors.GroundTruth(Data, Queries, 10, "L2"), Search(index, Everything(), new(null, Lists, 40)));
        Assert.True(filtered >= unfiltered - 0.05, $"filtered recall {filtered:F3}, unfiltered {unfiltered:F3}");
        var deleted = new bool[Rows];
        foreach (var row in Search(index, Everything(), new(null, Lists, 40)).SelectMany(h => h)) deleted[row] = true;
        Assert.All(Search(index, RowMask.Excluding(deleted), new(null, Lists, 40)), hits => { Assert.Equal(10, hits.Count); Assert.All(hits, row => Assert.False(deleted[row])); });
    }

    [Fact]
    public void The_index_holds_codes_not_vectors()
    {
        var ivfPq = Build("IVF_PQ", "L2");   // m 16, nbits 8: 16 code bytes + a 4-byte row number per vector
        // Fixed: offsets, centroids, codebooks, and L2's per-list table terms (16 x 256 and 8 byte-pairs x 256 floats).
        var fixedBytes = (Lists + 1) * 4 + Lists * Dim * 4 + 256 * Dim * 4 + Lists * 16 * 256 * 4;
        Assert.Equal(Rows * (16 + 4) + fixedBytes, ivfPq.MemoryBytes);
        var scann = Build("SCANN", "L2");    // 16 sub-spaces of 2 dims, 4 bits each: 8 code bytes + 4
        // Fixed: offsets and fast-scan block starts, centroids, codebooks, the L2 list terms (16 tables of 16 floats).
        var scannFixed = 2 * (Lists + 1) * 4 + Lists * Dim * 4 + 16 * Dim * 4 + Lists * 16 * 16 * 4;
        // Codes in fast-scan blocks of 32 rows (256 bytes here): a list's last block is padded by at most 31 rows.
        var blockBytes = scann.MemoryBytes - scannFixed - Rows * 4;
        Assert.Equal(0, blockBytes % 256);
        Assert.InRange(blockBytes, Rows * 8, Rows * 8 + Lists * 31 * 8);
        Assert.Equal(8, scann.Quantizer.CodeSize);
    }

    [Theory]
    [InlineData("IVF_PQ", "IP")]
    [InlineData("SCANN", "COSINE")]
    public void A_stored_index_loads_back_and_answers_the_same(string type, string metric)
    {
        var index = Build(type, metric);
        var bytes = index.Serialize();
        var loaded = IvfPqIndex.Load(bytes, index.Space);
        Assert.Equal(type, loaded.IndexType);
        Assert.Equal(bytes, loaded.Serialize());
        var options = new IndexSearchOptions(null, 4, 30);
        Assert.Equal(Search(index, Everything(), options), Search(loaded, Everything(), options));
        Assert.Throws<InvalidDataException>(() => IvfPqIndex.Load(bytes, Space(metric, Data.Take(10).ToArray())));
    }

    private static RowMask Everything() => RowMask.Excluding(new bool[Rows]);

    private static VectorSpace Space(string metric, float[][] rows)
    {
        var bytes = MemoryMarshal.AsBytes(rows.SelectMany(r => r).ToArray().AsSpan()).ToArray();
        return new VectorSpace(new DenseVectorColumn(DataType.FloatVector, Dim, bytes, rows.Length), Metrics.Parse(metric));
    }

    private static IvfPqIndex Build(string type, string metric) => type == "IVF_PQ"
        ? IvfPqIndex.BuildIvfPq(Space(metric, Data), Lists, m: 16, nbits: 8, CancellationToken.None)
        : IvfPqIndex.BuildScann(Space(metric, Data), Lists, subDim: 2, withRawData: true, CancellationToken.None);

    private static List<IReadOnlyCollection<int>> Search(IvfPqIndex index, RowMask mask, IndexSearchOptions options)
        => Queries.Select(q => (IReadOnlyCollection<int>)index.Search(index.Space.Prepare(q), 10, mask, options).Select(c => c.Id).ToList()).ToList();
}
