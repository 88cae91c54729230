using Milvus.Local.Catalog;
using Milvus.Local.Indexes;
using Milvus.Local.Search;
using Milvus.Protocol.Schema;

namespace Milvus.Local.Tests.Search;

/// <summary>Which segments a search sends through their index and which it scans exactly.</summary>
public class SearchPlannerTests
{
    private static SearchParameters Parameters(int topK = 10, int? ef = null, float? radius = null, int offset = 0, FieldSchema? groupBy = null, int? nprobe = null) => new()
    {
        Field = new FieldSchema { Name = "v", DataType = DataType.FloatVector },
        Index = new IndexMeta { Id = 1, Name = "v", FieldId = 101, Params = [], CreatedTs = 0 },
        IndexOptions = new IndexSearchOptions(ef, nprobe),
        Metric = Metric.L2, MetricName = "L2", TopK = topK, Radius = radius, Offset = offset, GroupBy = groupBy,
    };

    private static RowMask Passing(int rows, int passing) => RowMask.Of(Enumerable.Range(0, rows).Select(r => r < passing).ToArray());

    [Theory]
    [InlineData(100_000, 100_000, 16, true)]   // no filter: the index
    [InlineData(100_000, 50_000, 16, true)]    // 50 %
    [InlineData(100_000, 10_000, 16, true)]    // 10 %: a walk at ef 16 reaches ~12,800 rows, about the survivors
    [InlineData(100_000, 9_999, 16, false)]    // under 10 %: the survivors
    [InlineData(100_000, 10_000, 512, false)]  // a wide beam would reach 409,600 rows: the 10,000 survivors are cheaper
    [InlineData(3_000, 300, 64, false)]        // a small segment at 10 %: 300 survivors against ~15,000 rows reached
    [InlineData(3_000, 1_500, 64, true)]       // 50 % of it: the walk
    [InlineData(500, 500, 64, true)]           // nothing filtered: always the index
    public void Filtered_graph_segments_go_where_fewer_rows_are_read(int rows, int passing, int ef, bool usesIndex)
        => Assert.Equal(usesIndex, Walks(Passing(rows, passing), Parameters(ef: ef)));

    /// <summary>What the planner decides for a segment with an HNSW-family index.</summary>
    private static bool Walks(RowMask mask, SearchParameters p)
        => SearchPlanner.UsesIndex(mask, p, paging: false) && !SearchPlanner.WalksFurtherThanTheSurvivors(mask, p);

    [Theory]
    [InlineData(3_000, 300, 12, 32, true)]        // 10 %: 12 of 32 lists hold ~1,125 rows, more than the 300 survivors
    [InlineData(3_000, 1_500, 12, 32, false)]     // 50 %: the probed lists are fewer rows than the survivors
    [InlineData(3_000, 1_124, 12, 32, true)]
    [InlineData(3_000, 1_125, 12, 32, false)]
    [InlineData(3_000, 2_999, 16, 16, true)]      // every list probed: any filter leaves fewer rows than the lists hold
    [InlineData(3_000, 3_000, 16, 16, false)]     // nothing filtered: always the index
    [InlineData(100_000, 10_000, null, 128, false)] // nprobe 8 (knowhere's default) of 128: 6,250 rows read, 10,000 pass
    [InlineData(100_000, 6_000, 200, 128, true)]  // nprobe above nlist counts as every list
    public void Filtered_ivf_flat_segments_scan_the_survivors_when_the_probed_lists_hold_more(int rows, int passing, int? nprobe, int lists, bool exact)
        => Assert.Equal(exact, SearchPlanner.ProbesMoreThanTheSurvivors(Passing(rows, passing), Parameters(nprobe: nprobe), lists));

    [Fact]
    public void Ivf_segments_keep_the_share_rule()
    {
        // Every IVF type keeps the 10 % rule (IVF_FLAT and IVF_SQ8 also the probe rule above): 300 of 3,000 rows pass it.
        Assert.True(SearchPlanner.UsesIndex(Passing(3_000, 300), Parameters(ef: 64), paging: false));
        Assert.False(SearchPlanner.UsesIndex(Passing(3_000, 299), Parameters(ef: 64), paging: false));
    }

    [Fact]
    public void Range_search_group_by_and_iterator_pages_stay_exact()
    {
        var everything = Passing(1000, 1000);
        Assert.False(SearchPlanner.UsesIndex(everything, Parameters(radius: 1f), paging: false));
        Assert.False(SearchPlanner.UsesIndex(everything, Parameters(groupBy: new FieldSchema { Name = "g" }), paging: false));
        Assert.False(SearchPlanner.UsesIndex(everything, Parameters(), paging: true));
    }

    [Fact]
    public void The_beam_is_at_least_the_rows_asked_for()
    {
        // ef 16 but top 100 + offset 100: the walk keeps 200 candidates, 8 x 200 x 10,000 = 16M > 3,000^2.
        Assert.False(Walks(Passing(10_000, 3_000), Parameters(topK: 100, ef: 16, offset: 100)));
        Assert.True(Walks(Passing(10_000, 3_000), Parameters(topK: 10, ef: 16)));
    }
}
