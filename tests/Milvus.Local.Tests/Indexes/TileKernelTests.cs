using System.Runtime.Intrinsics;
using Milvus.Benchmarks.Data;
using Milvus.Local.Indexes;

namespace Milvus.Local.Tests.Indexes;

/// <summary>
/// The batched scan's micro-kernels against plain double-precision inner products: every full group and a compact last
/// group (at most 4 queries, packed 4 dimensions per query side by side) give each row's products in the query's lane,
/// within the float rounding the scan's tolerance allows for.
/// </summary>
public sealed class TileKernelTests
{
    [Theory]
    [InlineData(36, 128)] // two full groups and a compact one of 4 queries
    [InlineData(17, 20)]  // one full group and a compact one of 1 query
    [InlineData(35, 12)]  // a compact group of 3 queries over 3 steps of 4 dimensions
    public void Every_lane_of_every_group_holds_its_query_s_products(int count, int dim)
    {
        if (!TileKernel.Supported) return; // the scan takes the four-queries path without AVX-512
        Assert.True(TileKernel.CompactTail(count, dim));
        var rows = ClusteredVectors.Generate(TileKernel.Rows, dim, 3, seed: 41);
        var queries = ClusteredVectors.Generate(count, dim, 3, seed: 42);
        var groups = (count + TileKernel.Lanes - 1) / TileKernel.Lanes;
        var packed = new float[groups * TileKernel.GroupLength(dim)];
        TileKernel.Pack(queries, dim, packed);
        var data = rows.SelectMany(r => r).ToArray();
        var dots = new Vector512<float>[2 * TileKernel.Rows];
        for (var g = 0; g < groups; g++)
        {
            ref var group = ref packed[g * TileKernel.GroupLength(dim)];
            if (g < groups - 1) TileKernel.Dots8x16(ref data[0], dim, ref group, dots);
            else TileKernel.Dots8x4(ref data[0], dim, ref group, dots);
            for (var r = 0; r < TileKernel.Rows; r++)
                for (var lane = 0; lane < Math.Min(TileKernel.Lanes, count - g * TileKernel.Lanes); lane++)
                {
                    var q = queries[g * TileKernel.Lanes + lane];
                    var exact = Enumerable.Range(0, dim).Sum(d => (double)rows[r][d] * q[d]);
                    var magnitude = Enumerable.Range(0, dim).Sum(d => Math.Abs((double)rows[r][d] * q[d]));
                    Assert.True(Math.Abs(dots[2 * r][lane] - exact) <= magnitude * dim * 1.2e-7, $"group {g}, row {r}, lane {lane}: {dots[2 * r][lane]} vs {exact}");
                }
        }
    }

    [Theory]
    [InlineData(32, 128)] // no remainder
    [InlineData(21, 128)] // 5 queries left: a padded 16-lane group
    [InlineData(20, 22)]  // a dimension not a multiple of 4
    public void Other_remainders_and_dimensions_keep_the_padded_group(int count, int dim)
        => Assert.False(TileKernel.CompactTail(count, dim));
}
