using Milvus.Benchmarks.Data;
using Milvus.Local.Indexes.Quantization;
using Milvus.Local.Search;

namespace Milvus.Local.Tests.Indexes;

/// <summary>
/// The product quantizer on its own: code sizes and faiss's bit layout, decode, asymmetric distances equal to the
/// distance to the decoded vector for every table layout, ranking quality by nbits, storage round trip, errors.
/// </summary>
public sealed class ProductQuantizerTests
{
    private const int Rows = 3000;
    private const int Dim = 32;
    private static readonly float[][] Data = ClusteredVectors.Generate(Rows, Dim, 30, seed: 11);
    private static readonly float[] Flat = Data.SelectMany(r => r).ToArray();
    private static readonly float[][] Queries = ClusteredVectors.Generate(50, Dim, 30, seed: 12);

    [Theory]
    [InlineData(8, 8, 8)]
    [InlineData(16, 8, 16)]
    [InlineData(16, 4, 8)]
    [InlineData(8, 4, 4)]
    [InlineData(8, 10, 10)]
    [InlineData(4, 5, 3)]
    [InlineData(8, 1, 1)]
    public void Code_size_is_m_times_nbits_rounded_up_to_bytes(int m, int nbits, int bytes)
    {
        var pq = ProductQuantizer.Train(Flat, Rows, Dim, m, nbits);
        Assert.Equal(bytes, pq.CodeSize);
        Assert.Equal(1 << nbits, pq.Ksub);
        Assert.Equal(Dim / m, pq.SubDim);
        Assert.Equal((long)(1 << nbits) * Dim * sizeof(float), pq.CodebookBytes);
        Assert.Equal(bytes * Rows, pq.EncodeAll(Flat, Rows).Length);
    }

    [Fact]
    public void Codes_are_packed_little_endian_as_faiss_does()
    {
        var eight = ProductQuantizer.Train(Flat, Rows, Dim, 8, 8);
        var four = ProductQuantizer.Train(Flat, Rows, Dim, 8, 4);
        var five = ProductQuantizer.Train(Flat, Rows, Dim, 4, 5);
        var code = new byte[8];
        eight.Encode(Data[5], code);
        for (var sub = 0; sub < 8; sub++) Assert.Equal(code[sub], eight.Read(code, sub));
        four.Encode(Data[5], code.AsSpan(0, 4));
        for (var sub = 0; sub < 8; sub++) Assert.Equal((code[sub / 2] >> (sub % 2 * 4)) & 15, four.Read(code, sub));
        five.Encode(Data[5], code.AsSpan(0, 3));
        var bits = code[0] | code[1] << 8 | code[2] << 16;
        for (var sub = 0; sub < 4; sub++) Assert.Equal((bits >> (sub * 5)) & 31, five.Read(code, sub));
        Assert.Equal(0, bits >> 20); // the 4 unused high bits stay 0
    }

    [Theory]
    [InlineData(8, 8)]   // one byte per sub-space
    [InlineData(8, 4)]   // paired nibbles, folded table
    [InlineData(4, 5)]   // generic bit reader
    [InlineData(32, 4)]  // one dimension per sub-space
    public void Table_distance_is_the_distance_to_the_decoded_vector(int m, int nbits)
    {
        var pq = ProductQuantizer.Train(Flat, Rows, Dim, m, nbits);
        var codes = pq.EncodeAll(Flat, Rows);
        var table = new float[pq.TableLength];
        var decoded = new float[Dim];
        foreach (var metric in new[] { Metric.L2, Metric.IP })
        {
            pq.ComputeTable(Queries[0], metric, table);
            for (var row = 0; row < Rows; row += 97)
            {
                var code = codes.AsSpan(row * pq.CodeSize, pq.CodeSize);
                pq.Decode(code, decoded);
                var expected = metric == Metric.L2 ? ClusteredVectors.Distance(Queries[0], decoded, "L2") : -Dot(Queries[0], decoded);
                Assert.Equal(expected, pq.Distance(table, code), 1e-3f * MathF.Max(1, MathF.Abs(expected)));
            }
        }
    }

    [Fact]
    public void More_bits_reconstruct_better_and_a_codebook_vector_decodes_exactly()
    {
        double Error(ProductQuantizer pq)
        {
            var codes = pq.EncodeAll(Flat, Rows);
            var decoded = new float[Dim];
            var sum = 0.0;
            for (var row = 0; row < Rows; row++)
            {
                pq.Decode(codes.AsSpan(row * pq.CodeSize, pq.CodeSize), decoded);
                sum += ClusteredVectors.Distance(Data[row], decoded, "L2");
            }
            return sum / Rows;
        }
        var errors = new[] { 2, 4, 8 }.Select(nbits => Error(ProductQuantizer.Train(Flat, Rows, Dim, 8, nbits))).ToArray();
        Assert.True(errors[0] > errors[1] && errors[1] > errors[2], $"reconstruction errors by nbits 2/4/8: {string.Join(" / ", errors)}");
        var pq = ProductQuantizer.Train(Flat, Rows, Dim, 8, 8);
        var code = new byte[pq.CodeSize];
        var vector = new float[Dim];
        pq.Encode(Data[0], code);
        pq.Decode(code, vector);
        var again = new byte[pq.CodeSize];
        pq.Encode(vector, again);
        Assert.Equal(code, again);
    }

    [Theory]
    [InlineData(8, 8, 0.55)]    // measured 0.594
    [InlineData(16, 8, 0.80)]   // measured 0.852
    [InlineData(16, 4, 0.40)]   // measured 0.450
    public void Ranking_by_table_distance_finds_the_true_neighbours(int m, int nbits, double minimum)
    {
        var pq = ProductQuantizer.Train(Flat, Rows, Dim, m, nbits);
        var codes = pq.EncodeAll(Flat, Rows);
        var table = new float[pq.TableLength];
        var found = new List<IReadOnlyCollection<int>>();
        foreach (var query in Queries)
        {
            pq.ComputeTable(query, Metric.L2, table);
            found.Add(Enumerable.Range(0, Rows).OrderBy(r => pq.Distance(table, codes.AsSpan(r * pq.CodeSize, pq.CodeSize))).Take(10).ToList());
        }
        var recall = ClusteredVectors.Recall(ClusteredVectors.GroundTruth(Data, Queries, 10, "L2"), found);
        Assert.True(recall >= minimum, $"recall@10 {recall:F3} < {minimum} for m {m}, nbits {nbits}");
    }

    [Fact]
    public void Stored_codebooks_load_back_and_encode_the_same()
    {
        var pq = ProductQuantizer.Train(Flat, Rows, Dim, 8, 6);
        var bytes = pq.Serialize();
        Assert.Equal(16 + (1 << 6) * Dim * sizeof(float), bytes.Length);
        var loaded = ProductQuantizer.Load(bytes);
        Assert.Equal((pq.Dim, pq.M, pq.Nbits), (loaded.Dim, loaded.M, loaded.Nbits));
        Assert.Equal(pq.EncodeAll(Flat, Rows), loaded.EncodeAll(Flat, Rows));
        Assert.Equal(bytes, loaded.Serialize());
        Assert.Throws<InvalidDataException>(() => ProductQuantizer.Load(new byte[16]));
    }

    [Fact]
    public void Training_refuses_what_faiss_refuses()
    {
        var dim = Assert.Throws<ArgumentException>(() => ProductQuantizer.Train(Flat, Rows, Dim, 5, 8));
        Assert.Equal("The dimension of a vector (dim) should be a multiple of the number of subquantizers (m). Dimension: 32, m: 5", dim.Message);
        var few = Assert.Throws<ArgumentException>(() => ProductQuantizer.Train(Flat, 200, Dim, 8, 8));
        Assert.Equal("Number of training points (200) should be at least as large as number of clusters (256)", few.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => ProductQuantizer.Train(Flat, Rows, Dim, 8, 17));
    }

    private static float Dot(float[] a, float[] b) => a.Zip(b, (x, y) => x * y).Sum();
}
