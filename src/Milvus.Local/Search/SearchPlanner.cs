using Milvus.Local.Data;
using Milvus.Local.Indexes;

namespace Milvus.Local.Search;

/// <summary>
/// Chooses, per segment, between its built index and the exact scan. The index serves plain top-k searches;
/// range search, group-by and iterator pages stay exact (their definitions need every qualifying row), and so
/// does a segment whose filter lets few rows through: scanning the survivors is then cheaper than a graph
/// walk that must pass over the rejected rows, or than the probed lists of an IVF_FLAT / IVF_SQ8 index, and it is exact.
/// </summary>
internal static class SearchPlanner
{
    /// <summary>Below this share of passing rows the survivors are scanned exactly.</summary>
    public const double ExactBelowSelectivity = 0.1;

    /// <summary>
    /// Rows a walk reaches per beam slot when nothing is filtered out (measured: an HNSW walk at ef 64 computes
    /// about 10-20 distances per slot). A filtered walk reaches about this many per slot divided by the passing share.
    /// </summary>
    private const double RowsReachedPerBeamSlot = 8;

    public static ISegmentIndex? IndexFor(SegmentView view, RowMask mask, SearchParameters p, bool paging, Func<Segment, ISegmentIndex?> indexOf)
    {
        if (!UsesIndex(mask, p, paging)) return null;
        var index = indexOf(view.Segment);
        if (index is not null && IsGraph(index.IndexType) && WalksFurtherThanTheSurvivors(mask, p)) return null;
        return index is IvfIndex ivf && ProbesMoreThanTheSurvivors(mask, p, ivf.ListCount) ? null : index;
    }

    /// <summary>Whether a segment whose allowed rows are <paramref name="mask"/> may be searched through its index.</summary>
    public static bool UsesIndex(RowMask mask, SearchParameters p, bool paging)
        => p.Radius is null && p.GroupBy is null && !paging && mask.Passing >= mask.Length * ExactBelowSelectivity;

    /// <summary>
    /// The HNSW family walks a graph whose cost grows as the filter tightens; IVF types scan their probed lists
    /// whatever the filter, and DISKANN widens its own search list by the passing share.
    /// </summary>
    private static bool IsGraph(string indexType) => indexType.StartsWith("HNSW", StringComparison.Ordinal);

    /// <summary>
    /// A filtered walk reaches about beam x <see cref="RowsReachedPerBeamSlot"/> x (all rows / passing rows) rows; when
    /// that is more than the passing rows themselves (small segments, wide beams), scanning the survivors is faster.
    /// </summary>
    public static bool WalksFurtherThanTheSurvivors(RowMask mask, SearchParameters p)
    {
        if (mask.All) return false;
        var beam = Math.Max(p.IndexOptions.Ef ?? 16, p.TopK + p.Offset);
        return (double)mask.Passing * mask.Passing < RowsReachedPerBeamSlot * beam * mask.Length;
    }

    /// <summary>
    /// IVF_FLAT and IVF_SQ8 compute a full distance for every row of the probed lists, about rows x nprobe / nlist of
    /// them; when fewer rows pass than that, scanning the survivors is cheaper, and exact: the nearest passing rows
    /// often sit in lists the probes skip, which cost a filtered search recall the unfiltered one keeps. (The PQ and
    /// RaBitQ types scan codes far cheaper than a distance, so the 10 % rule alone decides for them.)
    /// </summary>
    public static bool ProbesMoreThanTheSurvivors(RowMask mask, SearchParameters p, int lists)
    {
        if (mask.All) return false;
        var nprobe = Math.Min(p.IndexOptions.Nprobe ?? IvfIndex.DefaultNprobe, lists);
        return (double)mask.Passing * lists < (double)mask.Length * nprobe;
    }
}
