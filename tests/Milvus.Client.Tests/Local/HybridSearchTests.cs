using Milvus.Client.Tests.Support;
using static Milvus.Client.Tests.Support.Rows;

namespace Milvus.Client.Tests.Local;

public class HybridSearchTests
{
    private static async Task CreateAsync(AsyncMilvusClient client)
    {
        var schema = AsyncMilvusClient.CreateSchema();
        schema.AddField("id", DataType.Int64, isPrimary: true).AddField("a", DataType.FloatVector, dim: 2).AddField("b", DataType.FloatVector, dim: 2);
        var indexes = AsyncMilvusClient.PrepareIndexParams("a", "FLAT", metricType: MetricType.L2).AddIndex("b", "FLAT", metricType: MetricType.L2);
        await client.CreateCollectionAsync("pairs", schema: schema, indexParams: indexes);
        await client.InsertAsync("pairs", new[]
        {
            Row(("id", 0L), ("a", new float[] { 0, 0 }), ("b", new float[] { 5, 5 })),
            Row(("id", 1L), ("a", new float[] { 1, 0 }), ("b", new float[] { 1, 1 })),
            Row(("id", 2L), ("a", new float[] { 3, 0 }), ("b", new float[] { 0, 0 })),
        });
    }

    private static AnnSearchRequest[] Requests() => new[]
    {
        new AnnSearchRequest(new object[] { new float[] { 0, 0 } }, "a", new Dictionary<string, object?> { ["metric_type"] = "L2" }, 2),
        new AnnSearchRequest(new object[] { new float[] { 0, 0 } }, "b", new Dictionary<string, object?> { ["metric_type"] = "L2" }, 3),
    };

    [Theory]
    [InlineData(Transport.InProcess)]
    [InlineData(Transport.Kestrel)]
    public async Task Rrf_fuses_ranks_exactly(Transport transport)
    {
        await using var setup = await LocalSetup.StartAsync(transport);
        await CreateAsync(setup.Client);
        var results = await setup.Client.HybridSearchAsync("pairs", Requests(), new RrfRanker(), limit: 3, outputFields: new[] { "id" });
        var hits = Assert.Single(results);
        Assert.Equal(new object[] { 0L, 1L, 2L }, hits.Ids);
        Assert.Equal(1f / 61 + 1f / 63, hits[0].Score, 5);
        Assert.Equal(2f / 62, hits[1].Score, 5);
        Assert.Equal(1f / 61, hits[2].Score, 5);
    }

    [Fact]
    public async Task Weighted_ranker_follows_the_weights()
    {
        await using var setup = await LocalSetup.StartAsync(Transport.InProcess);
        await CreateAsync(setup.Client);
        var results = await setup.Client.HybridSearchAsync("pairs", Requests(), new WeightedRanker(0, 1), limit: 3);
        Assert.Equal(new object[] { 2L, 1L, 0L }, results[0].Ids);
    }
}
