using Milvus.Client.Tests.Support;
using static Milvus.Client.Tests.Support.Rows;

namespace Milvus.Client.Tests.Local;

/// <summary>SearchOptions.Highlighter end to end: the local engine's lexical highlighter, read back as SearchHit.Highlight.</summary>
public class HighlighterTests
{
    [Theory]
    [InlineData(Transport.InProcess)]
    [InlineData(Transport.Kestrel)]
    public async Task Hits_carry_the_highlighted_fragments_of_the_search_text(Transport transport)
    {
        await using var setup = await LocalSetup.StartAsync(transport);
        var schema = AsyncMilvusClient.CreateSchema();
        schema.AddField("id", DataType.Int64, isPrimary: true).AddField("text", DataType.VarChar, maxLength: 200, enableAnalyzer: true)
            .AddField("sparse", DataType.SparseFloatVector)
            .AddFunction(new FunctionSchema("bm25", FunctionType.BM25, ["text"], ["sparse"]));
        var index = AsyncMilvusClient.PrepareIndexParams("sparse", "SPARSE_INVERTED_INDEX", metricType: MetricType.BM25);
        await setup.Client.CreateCollectionAsync("docs", schema: schema, indexParams: index);
        await setup.Client.InsertAsync("docs", new[] { Row(("id", 1L), ("text", "my first test doc")), Row(("id", 2L), ("text", "a lazy dog")) });
        var highlighter = new LexicalHighlighter { PreTags = ["{"], PostTags = ["}"], HighlightSearchText = true }.WithQuery("text", "my doc");
        var results = await setup.Client.SearchAsync("docs", new object[] { "test" }, annsField: "sparse", outputFields: ["text"],
            searchParams: new Dictionary<string, object?> { ["metric_type"] = "BM25" }, options: new SearchOptions { Highlighter = highlighter });
        var hit = Assert.Single(Assert.Single(results));
        Assert.Equal(1L, hit.Id);
        Assert.Equal(["{my} first {test} {doc}"], hit.Highlight!["text"].Fragments);
        Assert.Empty(hit.Highlight["text"].Scores);
        var plain = await setup.Client.SearchAsync("docs", new object[] { "test" }, annsField: "sparse",
            searchParams: new Dictionary<string, object?> { ["metric_type"] = "BM25" });
        Assert.Null(Assert.Single(Assert.Single(plain)).Highlight);
    }
}
