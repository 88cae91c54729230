using Milvus.Local.Catalog;
using Milvus.Local.Indexes;
using Milvus.Local.Search;
using Milvus.Protocol.Schema;

namespace Milvus.Local.Tests.Search;

/// <summary>Which segments a search sends through their index and which it scans exactly.</summary>
public class SearchPlannerTests
{
    private static SearchParameters Parameters(int topK = 10, int? ef = null, float? radius = null, int offset = 0, FieldSchema? groupBy = null) => new()
    {
        Field = new FieldSchema { Name = "v", DataType = DataType.FloatVector },
        Index = new IndexMeta { Id = 1, Name = "v", FieldId = 101, Params = [], CreatedTs = 0 },
        IndexOptions = new IndexSearchOptions(ef, null),
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

    [Fact]
    public void Ivf_segments_keep_the_share_rule_alone()
    {
        // An IVF search scans its probed lists whatever the filter: 300 of 3,000 rows still use the lists.
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
