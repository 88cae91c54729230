using Milvus.Local.Search;

namespace Milvus.Local.Tests.Indexes;

public sealed class RowMaskTests
{
    [Fact]
    public void Excluding_a_delete_bitmap_counts_and_allows_exactly_the_live_rows()
    {
        // Longer than one SIMD register, with hidden rows in the vector body and in the tail.
        var deleted = new bool[1000];
        foreach (var row in new[] { 0, 63, 64, 500, 998, 999 }) deleted[row] = true;
        var mask = RowMask.Excluding(deleted);
        Assert.Equal(994, mask.Passing);
        Assert.Equal(1000, mask.Length);
        Assert.False(mask.All);
        Assert.False(mask.Allows(63));
        Assert.True(mask.Allows(62));
        Assert.True(RowMask.Excluding(new bool[70]).All);
    }
}
