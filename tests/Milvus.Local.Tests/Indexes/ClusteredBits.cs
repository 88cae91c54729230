using System.Numerics;

namespace Milvus.Local.Tests.Indexes;

/// <summary>
/// Binary test vectors around random centres (fixed seeds), and the binary metrics computed independently of the
/// engine, byte by byte.
/// </summary>
internal static class ClusteredBits
{
    /// <summary><paramref name="count"/> rows, each a copy of one of <paramref name="centres"/> centres with every bit flipped at <paramref name="flip"/>.</summary>
    public static byte[][] Generate(int count, int bits, int centres, double flip, int centreSeed, int seed)
    {
        var centreRandom = new Random(centreSeed);
        var centre = Enumerable.Range(0, centres).Select(_ => { var c = new byte[bits / 8]; centreRandom.NextBytes(c); return c; }).ToArray();
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ =>
        {
            var row = (byte[])centre[random.Next(centre.Length)].Clone();
            for (var bit = 0; bit < bits; bit++)
                if (random.NextDouble() < flip) row[bit >> 3] ^= (byte)(1 << (bit & 7));
            return row;
        }).ToArray();
    }

    /// <summary>HAMMING: the differing bits; JACCARD: 1 - |a∧b| / |a∨b|.</summary>
    public static float Distance(byte[] a, byte[] b, string metric)
    {
        int xor = 0, and = 0, or = 0;
        for (var i = 0; i < a.Length; i++)
        {
            xor += BitOperations.PopCount((uint)(a[i] ^ b[i]));
            and += BitOperations.PopCount((uint)(a[i] & b[i]));
            or += BitOperations.PopCount((uint)(a[i] | b[i]));
        }
        return metric == "HAMMING" ? xor : 1f - (float)and / or;
    }
}
