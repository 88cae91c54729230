using Milvus.Local.Search;

namespace Milvus.Local.Tests.Search;

/// <summary>
/// The binary metrics the exact scan, BIN_IVF_FLAT and the binary HNSW graph share, on rows whose length is not a
/// multiple of 8 bytes (the word loop and the byte tail both count).
/// </summary>
public sealed class BinaryDistanceTests
{
    // 11 bytes: one 64-bit word and a 3-byte tail.
    private static readonly byte[] A = [0xFF, 0x00, 0x0F, 0xF0, 0xAA, 0x55, 0x01, 0x80, 0xFF, 0x03, 0x00];
    private static readonly byte[] B = [0xFF, 0xFF, 0x00, 0xF0, 0x55, 0x55, 0x00, 0x80, 0x0F, 0x01, 0x80];

    [Fact]
    public void Hamming_counts_the_differing_bits_in_the_words_and_the_tail()
    {
        // Per byte: 0, 8, 4, 0, 8, 0, 1, 0 (word: 21), then 4, 1, 1 (tail: 6).
        Assert.Equal(27, BinaryDistance.Hamming(A, B));
        Assert.Equal(27f, BinaryDistance.Of(Metric.Hamming, A, B));
        Assert.Equal(0, BinaryDistance.Hamming(A, A));
    }

    [Fact]
    public void Jaccard_is_one_minus_shared_over_set_bits()
    {
        // Set in both: 8+0+0+4+0+4+0+1 = 17 in the word, 4+1+0 = 5 in the tail: 22. Set in either: 49.
        Assert.Equal(1f - 22f / 49f, BinaryDistance.Jaccard(A, B));
        Assert.Equal(0f, BinaryDistance.Jaccard(A, A));
        Assert.Equal(0f, BinaryDistance.Of(Metric.Jaccard, new byte[11], new byte[11])); // no bit set anywhere: 0, not NaN
        Assert.Equal(1f, BinaryDistance.Jaccard([0xF0], [0x0F]));
    }

    [Fact]
    public void A_float_metric_is_not_a_binary_metric()
    {
        var error = Assert.Throws<Milvus.Local.Errors.MilvusError>(() => BinaryDistance.Of(Metric.L2, A, B));
        Assert.Equal(1100, error.Code);
        Assert.Equal("metric type L2 is not valid for binary vectors: invalid parameter", error.Reason);
    }
}
