using Milvus.Protocol.Api;
using Milvus.Protocol.Common;
using Milvus.Protocol.Schema;
using static Milvus.Local.Tests.Engine.LocalEngineHarness;

namespace Milvus.Local.Tests.Engine;

/// <summary>GEOMETRY fields: WKT in and out, nullable/default, every st_* filter with exact ids, RTREE index rules.</summary>
public sealed class GeometryFieldTests : IDisposable
{
    private const string Square = "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))";
    private readonly LocalEngineHarness _h = new();

    public void Dispose() => _h.Dispose();

    public static FieldData Wkt(string name, params string?[] values)
    {
        var data = new FieldData { FieldName = name, Type = DataType.Geometry, Scalars = new ScalarField { GeometryWktData = new GeometryWktArray() } };
        if (values.Any(v => v is null)) data.ValidData.Add(values.Select(v => v is not null));
        data.Scalars.GeometryWktData.Data.Add(values.Where(v => v is not null).Select(v => v!));
        return data;
    }

    /// <summary>Ten rows around <see cref="Square"/>: inside, on its edge, outside, crossing, overlapping, touching, equal, within, null, invalid.</summary>
    private void CreateShapes()
    {
        Ok(_h.CreateCollection("g", Int64Pk(), Vector("v", DataType.FloatVector, 2), Scalar("geo", DataType.Geometry, nullable: true)));
        Ok(_h.Insert("g", Longs("id", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10),
            FloatVectors("v", 2, Enumerable.Range(0, 10).Select(i => new float[] { i, 1 }).ToArray()),
            Wkt("geo", "POINT(5 5)", "POINT (10 5)", "POINT (20 20)", "LINESTRING (0 0, 20 20)",
                "POLYGON ((5 5, 15 5, 15 15, 5 15, 5 5))", "POLYGON ((10 0, 20 0, 20 10, 10 10, 10 0))", Square,
                "POLYGON ((2 2, 4 2, 4 4, 2 4, 2 2))", null, "POLYGON ((100 100, 110 110, 110 100, 100 110, 100 100))")).Status);
        _h.IndexAndLoad("g", "v", "L2");
    }

    private long[] Ids(string filter)
    {
        var reply = _h.Query("g", filter, []);
        Ok(reply.Status);
        return [.. reply.FieldsData.Single().Scalars.LongData.Data];
    }

    [Theory]
    [InlineData("ST_INTERSECTS(geo, '" + Square + "')", new long[] { 1, 2, 4, 5, 6, 7, 8 })]
    [InlineData("st_contains(geo, '" + Square + "')", new long[] { 7 })]
    [InlineData("st_within(geo, '" + Square + "')", new long[] { 1, 7, 8 })]
    [InlineData("ST_TOUCHES(geo, '" + Square + "')", new long[] { 2, 6 })]
    [InlineData("st_overlaps(geo, '" + Square + "')", new long[] { 5 })]
    [InlineData("st_crosses(geo, '" + Square + "')", new long[] { 4 })]
    [InlineData("st_equals(geo, 'POLYGON ((0 0, 0 10, 10 10, 10 0, 0 0))')", new long[] { 7 })]
    [InlineData("st_contains(geo, 'POINT (3 3)')", new long[] { 4, 7, 8 })]
    [InlineData("st_isvalid(geo)", new long[] { 1, 2, 3, 4, 5, 6, 7, 8 })]
    [InlineData("not st_isvalid(geo)", new long[] { 10 })]
    [InlineData("ST_DWITHIN(geo, 'POINT (5 5.001)', 112)", new long[] { 1, 4, 5, 7 })]
    [InlineData("st_dwithin(geo, 'POINT (5 5.001)', 111.0)", new long[] { 4, 5, 7 })]
    [InlineData("st_intersects(geo, '" + Square + "') and id > 5", new long[] { 6, 7, 8 })]
    [InlineData("geo is null", new long[] { 9 })]
    public void Spatial_filters_return_exact_ids(string filter, long[] expected) => CreateShapesThen(() => Assert.Equal(expected, Ids(filter)));

    private void CreateShapesThen(Action check)
    {
        CreateShapes();
        check();
    }

    [Fact]
    public void Geometry_values_come_back_as_normalised_WKT_and_filter_in_search()
    {
        CreateShapes();
        var rows = _h.Query("g", "id in [1, 4, 9]", ["geo"]);
        Ok(rows.Status);
        var geo = rows.FieldsData.Single(f => f.FieldName == "geo");
        Assert.Equal(DataType.Geometry, geo.Type);
        Assert.Equal([true, true, false], geo.ValidData);
        Assert.Equal(["POINT (5 5)", "LINESTRING (0 0, 20 20)", ""], geo.Scalars.GeometryWktData.Data);

        var hits = _h.Search("g", FloatPlaceholder([0, 1]), 3, filter: $"st_within(geo, '{Square}')", outputFields: ["geo"]);
        Ok(hits.Status);
        Assert.Equal([1L, 7, 8], hits.Results.Ids.IntId.Data);
        Assert.Equal(["POINT (5 5)", Square, "POLYGON ((2 2, 4 2, 4 4, 2 4, 2 2))"], hits.Results.FieldsData.Single().Scalars.GeometryWktData.Data);
    }

    [Fact]
    public void Geometry_accepts_WKB_and_fills_a_WKT_default()
    {
        var geo = Scalar("geo", DataType.Geometry);
        geo.DefaultValue = new ValueField { StringData = "POINT(1 2)" };
        Ok(_h.CreateCollection("d", Int64Pk(), Vector("v", DataType.FloatVector, 2), geo));
        var described = _h.Client.DescribeCollection(new DescribeCollectionRequest { CollectionName = "d" });
        Assert.Equal("POINT (1 2)", described.Schema.Fields.Single(f => f.Name == "geo").DefaultValue.StringData);
        // WKB of POINT (3 4), little-endian.
        var wkb = new byte[21];
        wkb[0] = 1; BitConverter.TryWriteBytes(wkb.AsSpan(1), 1u);
        BitConverter.TryWriteBytes(wkb.AsSpan(5), 3.0); BitConverter.TryWriteBytes(wkb.AsSpan(13), 4.0);
        var data = new FieldData { FieldName = "geo", Type = DataType.Geometry, ValidData = { true, false }, Scalars = new ScalarField { GeometryData = new GeometryArray { Data = { Google.Protobuf.ByteString.CopyFrom(wkb) } } } };
        Ok(_h.Insert("d", Longs("id", 1, 2), FloatVectors("v", 2, [[1, 0], [0, 1]]), data).Status);
        _h.IndexAndLoad("d", "v", "L2");
        Assert.Equal(["POINT (3 4)", "POINT (1 2)"], _h.Query("d", "id > 0", ["geo"]).FieldsData.Single(f => f.FieldName == "geo").Scalars.GeometryWktData.Data);
    }

    [Fact]
    public void Invalid_geometry_input_and_filters_fail_as_Milvus()
    {
        CreateShapes();
        var bad = _h.Insert("g", Longs("id", 11), FloatVectors("v", 2, [[1, 1]]), Wkt("geo", "POINT (1)"));
        Assert.Equal(1100, bad.Status.Code);
        Assert.StartsWith("invalid Geometry data, transform to wkb failed: ", bad.Status.Reason);

        Fails(_h.Query("g", "st_contains(id, 'POINT (1 1)')", []).Status, 1100,
            "failed to create query plan: cannot parse expression: st_contains(id, 'POINT (1 1)'), error: STContains operation are only supported on geometry fields now, got: st_contains(id,'POINT (1 1)'): invalid parameter");
        Fails(_h.Query("g", "st_dwithin(geo, 'POINT (1 1)', -1)", []).Status, 1100,
            "failed to create query plan: cannot parse expression: st_dwithin(geo, 'POINT (1 1)', -1), error: distance parameter must be non-negative, got: -1.000000: invalid parameter");
        Fails(_h.Query("g", $"st_dwithin(geo, '{Square}', 5)", []).Status, 1100,
            $"failed to create query plan: cannot parse expression: st_dwithin(geo, '{Square}', 5), error: ST_DWITHIN only supports POINT geometry, got: {Square}: invalid parameter");
        var invalidLiteral = _h.Query("g", "st_within(geo, 'POLYGON ((0 0, 1 1')", []).Status;
        Assert.Equal(1100, invalidLiteral.Code);
        Assert.StartsWith("failed to create query plan: cannot parse expression: st_within(geo, 'POLYGON ((0 0, 1 1'), error: invalid WKT: POLYGON ((0 0, 1 1, error: ", invalidLiteral.Reason);
    }

    [Fact]
    public void RTREE_indexes_only_geometry_fields()
    {
        CreateShapes();
        Ok(CreateIndex("geo", "RTREE"));
        Assert.Equal("RTREE", _h.Client.DescribeIndex(new DescribeIndexRequest { CollectionName = "g", FieldName = "geo" })
            .IndexDescriptions.Single().Params.Single(p => p.Key == "index_type").Value);
        Fails(CreateIndex("id", "RTREE"), 1100, "RTREE index can only be built on geometry field, got Int64: invalid parameter");
        Fails(CreateIndex("geo", "INVERTED"), 1100, "INVERTED are not supported on Geometry field: invalid parameter");
        Assert.Equal([1L, 7, 8], Ids($"st_within(geo, '{Square}')"));
    }

    private Status CreateIndex(string field, string type) => _h.Client.CreateIndex(new CreateIndexRequest
    {
        CollectionName = "g", FieldName = field, IndexName = field + type,
        ExtraParams = { new KeyValuePair { Key = "index_type", Value = type } },
    });
}
