using System.Runtime.InteropServices;
using Milvus.Benchmarks.Data;
using Milvus.Local.Columns;
using Milvus.Local.Indexes;
using Milvus.Local.Search;
using Milvus.Protocol.Schema;
using Xunit.Abstractions;

namespace Milvus.Local.Tests.Indexes;

/// <summary>
/// HNSW_SQ on its own: the graph built and walked over each sq_type's codes, recall@10 against exact float ground truth
/// per metric, refine re-ranking with a more precise representation, codes within half a quantization step, storage.
/// </summary>
public sealed class HnswSqIndexTests(ITestOutputHelper output)
{
    private const int Rows = 3000;
    private const int Dim = 32;
    private static readonly float[][] Data = ClusteredVectors.Generate(Rows, Dim, 30, seed: 5);
    private static readonly float[][] Queries = ClusteredVectors.Generate(60, Dim, 30, seed: 5).Select(Jitter).ToArray();

    [Theory]
    // Without refine the distances are the codes' own: recall falls with the bits per value (measured 09:40 UTC: SQ8
    // 0.977-0.990, SQ6 0.922-0.943, SQ4U 0.735-0.800, FP16/BF16 0.978-0.998; with refine 0.973-0.998).
    [InlineData("SQ8", "L2", null, 0.95)]
    [InlineData("SQ8", "IP", null, 0.95)]
    [InlineData("SQ8", "COSINE", null, 0.95)]
    [InlineData("SQ6", "L2", null, 0.88)]
    [InlineData("SQ6", "COSINE", null, 0.88)]
    [InlineData("SQ4U", "L2", null, 0.65)]
    [InlineData("SQ4U", "IP", null, 0.65)]
    [InlineData("FP16", "L2", null, 0.95)]
    [InlineData("FP16", "IP", null, 0.95)]
    [InlineData("BF16", "COSINE", null, 0.95)]
    [InlineData("BF16", "L2", null, 0.95)]
    // With refine the best refine_k x k candidates are re-ranked with the refine type's distances.
    [InlineData("SQ4U", "L2", "SQ8", 0.95)]
    [InlineData("SQ4U", "COSINE", "FP32", 0.95)]
    [InlineData("SQ6", "IP", "FP16", 0.95)]
    [InlineData("SQ8", "L2", "FP32", 0.95)]
    [InlineData("SQ8", "COSINE", "BF16", 0.95)]
    [InlineData("FP16", "IP", "FP32", 0.95)]
    [InlineData("BF16", "L2", "FLAT", 0.95)]
    public void Recall_at_10_against_exact_float_ground_truth(string sqType, string metric, string? refineType, double minimum)
    {
        var index = Build(metric, sqType, refineType);
        var truth = ClusteredVectors.GroundTruth(Data, Queries, 10, metric);
        var recall = ClusteredVectors.Recall(truth, Search(index, Everything(), ef: 64, refineK: refineType is null ? null : 3));
        output.WriteLine($"{sqType} {metric} refine {refineType ?? "-"}: recall@10 {recall:F3}");
        Assert.True(recall >= minimum, $"recall@10 {recall:F3} < {minimum} for {sqType} {metric} refine {refineType}");
    }

    [Theory]
    [InlineData("SQ4U", 1 / 15.0)]
    [InlineData("SQ6", 1 / 63.0)]
    [InlineData("SQ8", 1 / 255.0)]
    public void Codes_decode_within_one_step_of_the_value(string sqType, double step)
    {
        var space = Space("L2");
        var codes = ScalarCodes.Encode(space, Enum.Parse<ScalarType>(sqType), CancellationToken.None);
        var all = Data.SelectMany(r => r).ToArray();
        var perDimension = sqType != "SQ4U";
        var decoded = new float[Dim];
        for (var row = 0; row < Rows; row += 97)
        {
            codes.Decode(row, decoded);
            for (var d = 0; d < Dim; d++)
            {
                var column = perDimension ? Data.Select(r => r[d]).ToArray() : all;
                var range = column.Max() - column.Min();
                Assert.True(Math.Abs(decoded[d] - Data[row][d]) <= range * step * 0.5 + 1e-5, $"{sqType} row {row} dim {d}: {decoded[d]} vs {Data[row][d]}");
            }
        }
        Assert.Equal(ScalarCodes.CodeBytes(Enum.Parse<ScalarType>(sqType), Dim) * (long)Rows, codes.MemoryBytes - 2 * sizeof(float) * (perDimension ? Dim : 1));
    }

    [Theory]
    [InlineData(16, "L2")]
    [InlineData(24, "IP")]      // one 16-wide step and a scalar tail
    [InlineData(100, "L2")]     // 32-wide steps, a 16-wide step and a tail
    [InlineData(128, "COSINE")]
    public void The_fused_sq8_distance_equals_decoding_then_the_float_kernel_bit_for_bit(int dim, string metric)
    {
        var rows = ClusteredVectors.Generate(500, dim, 10, seed: 9);
        var bytes = MemoryMarshal.AsBytes(rows.SelectMany(r => r).ToArray().AsSpan()).ToArray();
        var space = new VectorSpace(new DenseVectorColumn(DataType.FloatVector, dim, bytes, rows.Length), Metrics.Parse(metric));
        var codes = ScalarCodes.Encode(space, ScalarType.SQ8, CancellationToken.None);
        Assert.Equal(System.Runtime.Intrinsics.X86.Avx512F.IsSupported && System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated, codes.FusedSq8);
        var l2 = metric == "L2";
        var decoded = new float[dim];
        foreach (var query in ClusteredVectors.Generate(20, dim, 10, seed: 10).Select(q => space.Prepare(q)))
            for (var row = 0; row < rows.Length; row += 7)
            {
                codes.Decode(row, decoded);
                var expected = l2 ? Kernels.L2Squared(ref query[0], ref decoded[0], dim) : Kernels.Dot(ref query[0], ref decoded[0], dim);
                if (codes.FusedSq8) Assert.Equal(expected, codes.Sq8Distance(ref query[0], row, l2));
                Assert.Equal(l2 ? expected : -expected, new SqGraph(space, codes).Distance(query, row));
            }
    }

    [Fact]
    public void Scores_are_the_codes_distances_without_refine_and_exact_with_fp32_refine()
    {
        var plain = Build("L2", "SQ8", null);
        var query = plain.Space.Prepare(Queries[0]);
        var decoded = new float[Dim];
        foreach (var hit in plain.Search(query, 10, Everything(), new IndexSearchOptions(64, null)))
        {
            plain.Graph.Codes.Decode(hit.Id, decoded);
            Assert.Equal(ClusteredVectors.Distance(Queries[0], decoded, "L2"), hit.Distance, 3);
            Assert.NotEqual(ClusteredVectors.Distance(Queries[0], Data[hit.Id], "L2"), hit.Distance);
        }
        var refined = Build("L2", "SQ8", "FP32");
        foreach (var hit in refined.Search(query, 10, Everything(), new IndexSearchOptions(64, null) { RefineK = 2 }))
            Assert.Equal(ClusteredVectors.Distance(Queries[0], Data[hit.Id], "L2"), hit.Distance, 3);
    }

    [Fact]
    public void Filtered_walk_and_deletes_return_only_allowed_rows()
    {
        var index = Build("IP", "SQ8", "FP32");
        var allowed = Enumerable.Range(0, Rows).Select(r => r % 3 == 0).ToArray();
        var truth = ClusteredVectors.GroundTruth(Data, Queries, 10, "IP", r => allowed[r]);
        var found = Search(index, RowMask.Of(allowed), ef: 64, refineK: 2);
        Assert.All(found, hits => Assert.All(hits, row => Assert.True(allowed[row])));
        Assert.All(found, hits => Assert.Equal(10, hits.Count));
        Assert.True(ClusteredVectors.Recall(truth, found) >= 0.95);
        var deleted = new bool[Rows];
        foreach (var row in found.SelectMany(h => h)) deleted[row] = true;
        Assert.All(Search(index, RowMask.Excluding(deleted), ef: 64, refineK: 2), hits => Assert.All(hits, row => Assert.False(deleted[row])));
    }

    [Theory]
    [InlineData("SQ6", null)]
    [InlineData("SQ4U", "SQ8")]
    [InlineData("BF16", "FP32")]
    public void A_stored_index_loads_back_and_answers_the_same(string sqType, string? refineType)
    {
        var index = Build("COSINE", sqType, refineType);
        var bytes = index.Serialize();
        var meta = Meta("COSINE", sqType, refineType);
        var loaded = HnswSq.Load(meta, bytes, index.Space);
        Assert.Equal(bytes, loaded.Serialize());
        Assert.Equal(Search(index, Everything(), ef: 40, refineK: 2), Search(loaded, Everything(), ef: 40, refineK: 2));
        Assert.Throws<InvalidDataException>(() => HnswSq.Load(Meta("COSINE", sqType == "SQ6" ? "SQ8" : "SQ6", refineType), bytes, index.Space));
    }

    [Fact]
    public void The_walk_reads_a_quarter_of_the_float_bytes_with_sq8()
    {
        var index = Build("L2", "SQ8", null);
        Assert.Equal(Rows * Dim + 2 * Dim * sizeof(float), index.Graph.Codes.MemoryBytes);
        Assert.Equal(4 * Rows * Dim, index.Space.Count * index.Space.Dim * sizeof(float));
    }

    private static float[] Jitter(float[] row) => row.Select((v, i) => v + 0.05f * MathF.Sin(i + v)).ToArray();

    private static RowMask Everything() => RowMask.Excluding(new bool[Rows]);

    private static VectorSpace Space(string metric)
    {
        var bytes = MemoryMarshal.AsBytes(Data.SelectMany(r => r).ToArray().AsSpan()).ToArray();
        return new VectorSpace(new DenseVectorColumn(DataType.FloatVector, Dim, bytes, Rows), Metrics.Parse(metric));
    }

    private static Catalog.IndexMeta Meta(string metric, string sqType, string? refineType)
    {
        var parameters = new List<(string, string)> { ("index_type", "HNSW_SQ"), ("metric_type", metric), ("sq_type", sqType) };
        if (refineType is not null) parameters.AddRange([("refine", "true"), ("refine_type", refineType)]);
        return new Catalog.IndexMeta
        {
            Id = 1, Name = "v", FieldId = 101, CreatedTs = 0,
            Params = parameters.Select(p => new Milvus.Protocol.Common.KeyValuePair { Key = p.Item1, Value = p.Item2 }).ToList(),
        };
    }

    private static HnswIndex<SqGraph> Build(string metric, string sqType, string? refineType)
        => HnswSq.Build(Meta(metric, sqType, refineType), Space(metric), 16, 100, threads: 2, CancellationToken.None);

    private static List<IReadOnlyCollection<int>> Search(IVectorIndex index, RowMask mask, int ef, double? refineK = null)
        => Queries.Select(q => (IReadOnlyCollection<int>)index.Search(index.Space.Prepare(q), 10, mask, new IndexSearchOptions(ef, null) { RefineK = refineK })
            .Select(c => c.Id).ToList()).ToList();
}
