using Milvus.Local.Data;
using Milvus.Local.Indexes;

namespace Milvus.Local.Search;

/// <summary>
/// Chooses, per segment, between its built index and the exact scan. The index serves plain top-k searches;
/// range search, group-by and iterator pages stay exact (their definitions need every qualifying row), and so
/// does a segment whose filter lets few rows through: scanning the survivors is then cheaper than a graph
/// walk that must pass over the rejected rows, and it is exact.
/// </summary>
internal static class SearchPlanner
{
    /// <summary>Below this share of passing rows the survivors are scanned exactly.</summary>
    public const double ExactBelowSelectivity = 0.1;

    public static ISegmentIndex? IndexFor(SegmentView view, RowMask mask, SearchParameters p, bool paging, Func<Segment, ISegmentIndex?> indexOf)
    {
        if (p.Radius is not null || p.GroupBy is not null || paging) return null;
        if (mask.Passing < mask.Length * ExactBelowSelectivity) return null;
        return indexOf(view.Segment);
    }
}
