using System.IO.Hashing;
using System.Text;

namespace Milvus.Local.Analysis;

/// <summary>
/// Milvus's token hash (typeutil.HashString2LessUint32, what RunAnalyzer's with_hash returns and BM25 uses
/// as the sparse dimension): CRC-32 (IEEE) of the token's first 100 UTF-8 bytes, modulo 2^32 − 1.
/// </summary>
public static class TokenHash
{
    private const int SubstringLengthForCrc = 100;

    public static uint Of(string token)
    {
        var bytes = Encoding.UTF8.GetBytes(token);
        var crc = Crc32.HashToUInt32(bytes.AsSpan(0, Math.Min(bytes.Length, SubstringLengthForCrc)));
        return crc % uint.MaxValue;
    }
}
