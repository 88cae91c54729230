using System.IO.Hashing;
using System.Text;

namespace Milvus.Local.FullText;

/// <summary>
/// The sparse dimension of a token, as Milvus's BM25 function computes it (typeutil.HashString2LessUint32): the
/// CRC-32 (IEEE) of the token's first 100 UTF-8 bytes, modulo 2³²−1.
/// </summary>
internal static class TermHash
{
    private const int HashedPrefixBytes = 100;

    public static uint Of(string token)
    {
        var bytes = Encoding.UTF8.GetBytes(token);
        var crc = Crc32.HashToUInt32(bytes.AsSpan(0, Math.Min(bytes.Length, HashedPrefixBytes)));
        return crc % uint.MaxValue;
    }
}
