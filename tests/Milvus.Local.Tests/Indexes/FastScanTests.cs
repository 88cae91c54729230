using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using Milvus.Benchmarks.Data;
using Milvus.Local.Columns;
using Milvus.Local.Indexes;
using Milvus.Local.Indexes.Quantization;
using Milvus.Local.Search;
using Milvus.Protocol.Schema;

namespace Milvus.Local.Tests.Indexes;

/// <summary>
/// SCANN's fast-scan: the block layout round-trips the codes, the AVX2 shuffles give the scalar loop's sums (and both
/// the plain sum of table entries), the byte tables approximate the float tables within their rounding, and a SCANN
/// index ranks the same rows with either kernel at a recall against exact ground truth.
/// </summary>
public sealed class FastScanTests
{
    private const int Rows = 4000;
    private const int Dim = 64;
    private const int Lists = 16;
    private static readonly float[][] Data = ClusteredVectors.Generate(Rows, Dim, 40, seed: 11);
    private static readonly float[][] Queries = ClusteredVectors.Generate(100, Dim, 40, seed: 12);

    [Theory]
    [InlineData(64, new[] { 0, 32, 77, 77, 140 })] // lists of 32, 45, 0 and 63 rows
    [InlineData(7, new[] { 0, 1, 33 })]            // odd m: padded with a zero sub-quantizer
    public void Blocks_round_trip_the_codes(int m, int[] offsets)
    {
        var random = new Random(5);
        var codes = new byte[offsets[^1] * ((m + 1) / 2)];
        random.NextBytes(codes);
        if (m % 2 == 1) for (var i = (m + 1) / 2 - 1; i < codes.Length; i += (m + 1) / 2) codes[i] &= 15; // no 8th nibble
        var packed = FastScanCodes.Pack(codes, offsets, m);
        Assert.Equal(codes, packed.Unpack(offsets));
        Assert.Equal((m + 1) & ~1, packed.PaddedM);
        Assert.Equal(Enumerable.Range(0, offsets.Length - 1).Select(l => (offsets[l + 1] - offsets[l] + 31) / 32), Enumerable.Range(0, offsets.Length - 1).Select(packed.Blocks));
    }

    [Theory]
    [InlineData(64)]
    [InlineData(6)]
    [InlineData(384)] // 768 dims at sub_dim 2: the scale keeps 384 entries' sum under 2^16
    public void Avx2_and_scalar_sums_are_the_plain_sums_of_table_entries(int m)
    {
        var random = new Random(m);
        var tables = Enumerable.Range(0, m * 16).Select(_ => (float)random.NextDouble() * 40 - 10).ToArray();
        var lut = new byte[((m + 1) & ~1) * 16];
        var (offset, scale) = FastScanKernel.Quantize(tables, m, lut);
        var offsets = new[] { 0, 32 };
        var codes = new byte[32 * ((m + 1) / 2)];
        random.NextBytes(codes);
        var block = FastScanCodes.Pack(codes, offsets, m).Block(0, 0);
        var simd = new ushort[32];
        var scalar = new ushort[32];
        FastScanKernel.Accumulate(block, lut, (m + 1) & ~1, simd, simd: true);
        FastScanKernel.Accumulate(block, lut, (m + 1) & ~1, scalar, simd: false);
        Assert.Equal(scalar, simd);
        for (var row = 0; row < 32; row++)
        {
            int sum = 0;
            float exact = 0;
            for (var q = 0; q < m; q++)
            {
                var nibble = (codes[row * ((m + 1) / 2) + q / 2] >> (q % 2 * 4)) & 15;
                sum += lut[q * 16 + nibble];
                exact += tables[q * 16 + nibble];
            }
            Assert.Equal(sum, scalar[row]);
            // Each entry is rounded by at most half a step of 1 / scale.
            Assert.InRange(offset + sum / scale - exact, -0.5f * m / scale - 1e-3f, 0.5f * m / scale + 1e-3f);
        }
    }

    [Fact]
    public void The_processor_runs_the_shuffle_kernel()
    {
        // The AVX2 path is the one measured in docs/performance.md; this machine has it (else the test above compares scalar with scalar).
        Assert.True(Avx2.IsSupported);
    }

    [Theory]
    [InlineData("L2", true)]
    [InlineData("IP", true)]
    [InlineData("COSINE", false)]
    public void Simd_and_scalar_scans_return_identical_hits(string metric, bool withRawData)
    {
        var index = IvfPqIndex.BuildScann(Space(metric), Lists, subDim: 2, withRawData, CancellationToken.None);
        var allowed = Enumerable.Range(0, Rows).Select(r => r % 4 != 1).ToArray();
        foreach (var mask in new[] { RowMask.Excluding(new bool[Rows]), RowMask.Of(allowed) })
        {
            index.FastScanSimd = true;
            var simd = Queries.Select(q => index.Search(index.Space.Prepare(q), 10, mask, new(null, 4, 20))).ToArray();
            index.FastScanSimd = false;
            var scalar = Queries.Select(q => index.Search(index.Space.Prepare(q), 10, mask, new(null, 4, 20))).ToArray();
            Assert.Equal(scalar, simd);
            Assert.All(simd, hits => Assert.Equal(10, hits.Length));
        }
    }

    [Theory]
    [InlineData("L2", 40, 0.88)]  // measured 0.905 at 64 dims (32 sub-quantizers of 4 bits), all 16 lists probed
    [InlineData("L2", 10, 0.51)]  // measured 0.541: the byte tables alone rank the top 10
    [InlineData("IP", 40, 0.84)]  // measured 0.870
    public void Fast_scan_recall_against_exact_ground_truth(string metric, int reorderK, double minimum)
    {
        var index = IvfPqIndex.BuildScann(Space(metric), Lists, subDim: 2, withRawData: true, CancellationToken.None);
        var recall = ClusteredVectors.Recall(ClusteredVectors.GroundTruth(Data, Queries, 10, metric), Search(index, new(null, Lists, reorderK)));
        Assert.True(recall >= minimum, $"SCANN {metric} reorder_k {reorderK} recall@10 {recall:F3} < {minimum}");
    }

    [Theory]
    [InlineData("L2")]
    [InlineData("IP")]
    public void Byte_tables_rank_about_as_well_as_float_tables(string metric)
    {
        // IVF_PQ with m = dim / 2 and nbits 4 trains the very codes SCANN does and scans them with float tables.
        var floatTables = IvfPqIndex.BuildIvfPq(Space(metric), Lists, m: Dim / 2, nbits: 4, CancellationToken.None);
        var fastScan = IvfPqIndex.BuildScann(Space(metric), Lists, subDim: 2, withRawData: false, CancellationToken.None);
        var truth = ClusteredVectors.GroundTruth(Data, Queries, 10, metric);
        var (byFloats, byBytes) = (ClusteredVectors.Recall(truth, Search(floatTables, new(null, Lists))), ClusteredVectors.Recall(truth, Search(fastScan, new(null, Lists))));
        Assert.True(byBytes >= byFloats - 0.03, $"{metric}: fast-scan recall@10 {byBytes:F3}, float tables {byFloats:F3}");
    }

    private static List<IReadOnlyCollection<int>> Search(IvfPqIndex index, IndexSearchOptions options)
        => Queries.Select(q => (IReadOnlyCollection<int>)index.Search(index.Space.Prepare(q), 10, RowMask.Excluding(new bool[Rows]), options).Select(c => c.Id).ToList()).ToList();

    private static VectorSpace Space(string metric)
    {
        var bytes = MemoryMarshal.AsBytes(Data.SelectMany(r => r).ToArray().AsSpan()).ToArray();
        return new VectorSpace(new DenseVectorColumn(DataType.FloatVector, Dim, bytes, Rows), Metrics.Parse(metric));
    }
}
