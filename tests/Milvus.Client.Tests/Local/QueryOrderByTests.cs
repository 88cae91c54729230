using Milvus.Client.Tests.Support;

namespace Milvus.Client.Tests.Local;

/// <summary>QueryOptions.OrderByFields (Milvus 3.0 query ORDER BY) through both transports.</summary>
public class QueryOrderByTests
{
    [Theory]
    [InlineData(Transport.InProcess)]
    [InlineData(Transport.Kestrel)]
    public async Task Query_rows_come_back_in_order_with_paging(Transport transport)
    {
        await using var setup = await LocalSetup.StartAsync(transport);
        var client = setup.Client;
        var schema = AsyncMilvusClient.CreateSchema();
        schema.AddField("id", DataType.Int64, isPrimary: true);
        schema.AddField("price", DataType.Double, nullable: true);
        schema.AddField("vec", DataType.FloatVector, dim: 2);
        await client.CreateCollectionAsync("shop", schema: schema, indexParams: AsyncMilvusClient.PrepareIndexParams("vec", "FLAT", metricType: "L2"));
        var prices = new double?[] { 5, null, 3, 5, null };
        await client.InsertAsync("shop", prices.Select((p, i) => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["id"] = i + 1L, ["price"] = p, ["vec"] = new float[] { 1, 0 },
        }).ToList());

        async Task<long[]> Ids(string order, long limit, long? offset = null)
        {
            var rows = await client.QueryAsync("shop", "id > 0", outputFields: ["id"],
                options: new QueryOptions { Limit = limit, Offset = offset, OrderByFields = [("price", order)] });
            return rows.Select(r => (long)r["id"]!).ToArray();
        }

        var ascending = await Ids("asc", 10);
        var descending = await Ids("desc", 10);
        var page = await Ids("desc:nulls_last", 2, offset: 1);
        Assert.Equal(new long[] { 3, 1, 4, 2, 5 }, ascending);
        Assert.Equal(new long[] { 2, 5, 1, 4, 3 }, descending);
        Assert.Equal(new long[] { 4, 3 }, page);
        var error = await Assert.ThrowsAsync<MilvusException>(() => client.QueryAsync("shop", "id > 0",
            options: new QueryOptions { OrderByFields = [("price", "asc")] }));
        Assert.Equal((1100, "ORDER BY requires explicit limit: invalid parameter"), (error.Code, error.Message));
    }
}
