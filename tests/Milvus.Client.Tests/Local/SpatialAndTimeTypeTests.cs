using Milvus.Client.Tests.Support;
using static Milvus.Client.Tests.Support.Rows;

namespace Milvus.Client.Tests.Local;

/// <summary>GEOMETRY (WKT strings) and TIMESTAMPTZ (DateTimeOffset/DateTime/ISO text) through the client, both transports.</summary>
public class SpatialAndTimeTypeTests
{
    private static async Task<LocalSetup> PlacesAsync(Transport transport)
    {
        var setup = await LocalSetup.StartAsync(transport);
        var schema = AsyncMilvusClient.CreateSchema();
        schema.AddField("id", DataType.Int64, isPrimary: true)
              .AddField("vector", DataType.FloatVector, dim: 2)
              .AddField("geo", DataType.Geometry, nullable: true)
              .AddField("seen", DataType.Timestamptz, defaultValue: new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await setup.Client.CreateCollectionAsync("places", schema: schema,
            indexParams: AsyncMilvusClient.PrepareIndexParams("vector", "FLAT", metricType: MetricType.L2));
        await setup.Client.InsertAsync("places", new[]
        {
            Row(("id", 1L), ("vector", new float[] { 1, 0 }), ("geo", "POINT(13.4 52.52)"), ("seen", new DateTimeOffset(2025, 6, 1, 10, 0, 0, TimeSpan.FromHours(2)))),
            Row(("id", 2L), ("vector", new float[] { 0, 1 }), ("geo", "POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))"), ("seen", new DateTime(2025, 6, 2, 0, 0, 0, DateTimeKind.Utc))),
            Row(("id", 3L), ("vector", new float[] { 1, 1 }), ("geo", null), ("seen", "2025-06-03T00:00:00Z")),
            Row(("id", 4L), ("vector", new float[] { 2, 1 }), ("geo", "POINT (5 5)")),
        });
        return setup;
    }

    [Theory]
    [InlineData(Transport.InProcess)]
    [InlineData(Transport.Kestrel)]
    public async Task Geometry_and_timestamptz_round_trip_and_filter(Transport transport)
    {
        await using var setup = await PlacesAsync(transport);
        var client = setup.Client;
        var rows = await client.QueryAsync("places", "id > 0", outputFields: new[] { "geo", "seen" });
        var byId = rows.ToDictionary(r => (long)r["id"]!);
        Assert.Equal("POINT (13.4 52.52)", byId[1]["geo"]);
        Assert.Null(byId[3]["geo"]);
        Assert.Equal(new DateTimeOffset(2025, 6, 1, 8, 0, 0, TimeSpan.Zero), byId[1]["seen"]);
        Assert.Equal(TimeSpan.Zero, ((DateTimeOffset)byId[1]["seen"]!).Offset);
        Assert.Equal(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero), byId[4]["seen"]);

        var tokyo = await client.QueryAsync("places", "id == 1", outputFields: new[] { "seen" }, options: new QueryOptions { Timezone = "Asia/Tokyo" });
        var local = (DateTimeOffset)tokyo[0]["seen"]!;
        Assert.Equal(TimeSpan.FromHours(9), local.Offset);
        Assert.Equal(new DateTime(2025, 6, 1, 17, 0, 0), local.DateTime);

        var within = await client.QueryAsync("places", "st_within(geo, 'POLYGON((0 0, 20 0, 20 20, 0 20, 0 0))')", outputFields: new[] { "id" });
        Assert.Equal(new[] { 2L, 4L }, within.Select(r => (long)r["id"]!).OrderBy(x => x));
        var near = await client.QueryAsync("places", "st_dwithin(geo, 'POINT (13.41 52.52)', 1000)", outputFields: new[] { "id" });
        Assert.Equal(new[] { 1L }, near.Select(r => (long)r["id"]!));
        var recent = await client.QueryAsync("places", "seen >= ISO '2025-06-02T00:00:00Z'", outputFields: new[] { "id" });
        Assert.Equal(new[] { 2L, 3L }, recent.Select(r => (long)r["id"]!).OrderBy(x => x));
        var shifted = await client.QueryAsync("places", "seen + INTERVAL 'P1D' == ISO '2025-06-03T00:00:00Z'", outputFields: new[] { "id" });
        Assert.Equal(new[] { 2L }, shifted.Select(r => (long)r["id"]!));

        var hits = await client.SearchAsync("places", new object[] { new float[] { 1, 0 } }, limit: 2, filter: "st_intersects(geo, 'POINT (5 5)')",
            outputFields: new[] { "geo" });
        Assert.Equal(new object[] { 2L, 4L }, hits[0].Ids);
    }

    [Fact]
    public async Task Invalid_geometry_and_time_values_raise_typed_errors()
    {
        await using var setup = await PlacesAsync(Transport.InProcess);
        var badWkt = await Assert.ThrowsAsync<MilvusException>(() => setup.Client.InsertAsync("places",
            new[] { Row(("id", 9L), ("vector", new float[] { 1, 0 }), ("geo", "POINT (1)"), ("seen", "2025-01-01T00:00:00Z")) }));
        Assert.Equal(1100, badWkt.Code);
        Assert.Contains("invalid Geometry data, transform to wkb failed: ", badWkt.Message);
        var badTime = await Assert.ThrowsAsync<MilvusException>(() => setup.Client.InsertAsync("places",
            new[] { Row(("id", 9L), ("vector", new float[] { 1, 0 }), ("geo", "POINT (1 1)"), ("seen", "tomorrow")) }));
        Assert.Equal(1100, badTime.Code);
        Assert.Contains("got invalid timestamptz string 'tomorrow': invalid timezone name; must be a valid IANA Time Zone ID (e.g., 'Asia/Shanghai' or 'UTC')", badTime.Message);
        await Assert.ThrowsAsync<DataNotMatchException>(() => setup.Client.InsertAsync("places",
            new[] { Row(("id", 9L), ("vector", new float[] { 1, 0 }), ("geo", 42), ("seen", "2025-01-01T00:00:00Z")) }));
    }
}
