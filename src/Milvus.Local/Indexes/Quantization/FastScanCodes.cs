namespace Milvus.Local.Indexes.Quantization;

/// <summary>
/// 4-bit product-quantizer codes of an inverted file laid out for fast-scan (faiss's IVFPQFastScan idea): each list's
/// rows are cut into blocks of 32, and a block holds, for every sub-quantizer, 16 bytes whose byte i carries row i's
/// code in its low nibble and row i + 16's in its high nibble. Two consecutive sub-quantizers are then one 32-byte
/// load that <see cref="FastScanKernel"/> looks up with byte shuffles. The sub-quantizer count is padded to even
/// with zero codes; the last block of a list is padded with zero rows. Kept in memory only: the stored format is the
/// plain code per row (<see cref="ProductQuantizer"/>'s layout), converted by <see cref="Pack"/> / <see cref="Unpack"/>.
/// </summary>
internal sealed class FastScanCodes
{
    public const int BlockRows = 32;

    private readonly byte[] _packed;
    private readonly int[] _firstBlock;   // per list (and one past the last): index of its first block

    private FastScanCodes(int m, byte[] packed, int[] firstBlock)
    {
        M = m;
        _packed = packed;
        _firstBlock = firstBlock;
    }

    /// <summary>Sub-quantizers of the codes.</summary>
    public int M { get; }

    /// <summary>Sub-quantizers as laid out (M rounded up to even).</summary>
    public int PaddedM => (M + 1) & ~1;

    /// <summary>Bytes of one block of 32 rows.</summary>
    public int BlockBytes => PaddedM * 16;

    /// <summary>Bytes held (blocks, padding included, and the list starts).</summary>
    public long Bytes => _packed.LongLength + (long)_firstBlock.Length * sizeof(int);

    /// <summary>Blocks of a list.</summary>
    public int Blocks(int list) => _firstBlock[list + 1] - _firstBlock[list];

    /// <summary>Block <paramref name="block"/> of list <paramref name="list"/>.</summary>
    public ReadOnlySpan<byte> Block(int list, int block) => _packed.AsSpan((_firstBlock[list] + block) * BlockBytes, BlockBytes);

    /// <summary>
    /// Lays out <paramref name="codes"/> (per list position, one after another, <paramref name="m"/> 4-bit codes of
    /// <c>(m + 1) / 2</c> bytes each, low nibble first) for lists whose positions start at <paramref name="offsets"/>.
    /// </summary>
    public static FastScanCodes Pack(ReadOnlySpan<byte> codes, int[] offsets, int m)
    {
        var lists = offsets.Length - 1;
        var firstBlock = new int[lists + 1];
        for (var l = 0; l < lists; l++) firstBlock[l + 1] = firstBlock[l] + (offsets[l + 1] - offsets[l] + BlockRows - 1) / BlockRows;
        var result = new FastScanCodes(m, [], firstBlock);
        var packed = new byte[(long)firstBlock[lists] * result.BlockBytes];
        var codeSize = (m + 1) / 2;
        for (var l = 0; l < lists; l++)
            for (var position = offsets[l]; position < offsets[l + 1]; position++)
            {
                var index = position - offsets[l];
                var block = packed.AsSpan((firstBlock[l] + index / BlockRows) * result.BlockBytes, result.BlockBytes);
                var (slot, shift) = (index % 16, index % BlockRows < 16 ? 0 : 4);
                var code = codes.Slice(position * codeSize, codeSize);
                for (var q = 0; q < m; q++) block[q * 16 + slot] |= (byte)(Nibble(code, q) << shift);
            }
        return new FastScanCodes(m, packed, firstBlock);
    }

    /// <summary>The codes back in per-position layout, as <see cref="Pack"/> took them.</summary>
    public byte[] Unpack(int[] offsets)
    {
        var codeSize = (M + 1) / 2;
        var codes = new byte[(long)offsets[^1] * codeSize];
        for (var l = 0; l < offsets.Length - 1; l++)
            for (var position = offsets[l]; position < offsets[l + 1]; position++)
            {
                var index = position - offsets[l];
                var block = Block(l, index / BlockRows);
                var (slot, shift) = (index % 16, index % BlockRows < 16 ? 0 : 4);
                var code = codes.AsSpan(position * codeSize, codeSize);
                for (var q = 0; q < M; q++) code[q >> 1] |= (byte)(((block[q * 16 + slot] >> shift) & 15) << ((q & 1) * 4));
            }
        return codes;
    }

    private static int Nibble(ReadOnlySpan<byte> code, int q) => (code[q >> 1] >> ((q & 1) * 4)) & 15;
}
