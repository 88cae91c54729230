using System.Runtime.CompilerServices;

namespace Milvus.Local.Search;

/// <summary>
/// Which rows of a segment a search may return. Without a filter or expiry it reads the segment's delete bitmap
/// directly (no per-request array the size of the segment); otherwise it holds the evaluated mask.
/// </summary>
internal sealed class RowMask
{
    private readonly bool[] _bits;
    private readonly bool _bitsMeanHidden;

    private RowMask(bool[] bits, bool bitsMeanHidden, int passing)
    {
        _bits = bits;
        _bitsMeanHidden = bitsMeanHidden;
        Passing = passing;
    }

    /// <summary>Every row not hidden by <paramref name="deleted"/>, counted with a vectorized span count (a LINQ count
    /// over the bitmap cost more than the index search of a 64k-row segment).</summary>
    public static RowMask Excluding(bool[] deleted) => new(deleted, true, deleted.Length - deleted.AsSpan().Count(true));

    /// <summary>Every row of the view not deleted, with the view's cached count.</summary>
    public static RowMask Excluding(Data.SegmentView view) => new(view.Deleted, true, view.LiveCount);

    /// <summary>Exactly the rows set in <paramref name="allowed"/>.</summary>
    public static RowMask Of(bool[] allowed) => new(allowed, false, allowed.Count(a => a));

    /// <summary>How many rows pass.</summary>
    public int Passing { get; }

    public int Length => _bits.Length;

    /// <summary>True when every row passes (an index search needs no filter).</summary>
    public bool All => Passing == _bits.Length;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Allows(int row) => _bits[row] != _bitsMeanHidden;
}
