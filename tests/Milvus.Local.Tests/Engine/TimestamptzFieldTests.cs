using Google.Protobuf;
using Milvus.Protocol.Api;
using Milvus.Protocol.Common;
using Milvus.Protocol.Schema;
using static Milvus.Local.Tests.Engine.LocalEngineHarness;

namespace Milvus.Local.Tests.Engine;

/// <summary>TIMESTAMPTZ fields: ISO text in, RFC 3339 out per timezone, defaults, ISO comparisons and INTERVAL arithmetic.</summary>
public sealed class TimestamptzFieldTests : IDisposable
{
    private readonly LocalEngineHarness _h = new();

    public void Dispose() => _h.Dispose();

    public static FieldData Times(string name, params string?[] values)
    {
        var data = new FieldData { FieldName = name, Type = DataType.Timestamptz, Scalars = new ScalarField { StringData = new StringArray() } };
        if (values.Any(v => v is null)) data.ValidData.Add(values.Select(v => v is not null));
        data.Scalars.StringData.Data.Add(values.Where(v => v is not null).Select(v => v!));
        return data;
    }

    private void CreateTimes(params KeyValuePair[] properties)
    {
        var schema = new CollectionSchema { Name = "t" };
        schema.Fields.Add([Int64Pk(), Vector("v", DataType.FloatVector, 2), Scalar("ts", DataType.Timestamptz, nullable: true)]);
        Ok(_h.Client.CreateCollection(new CreateCollectionRequest { CollectionName = "t", Schema = schema.ToByteString(), Properties = { properties } }));
        Ok(_h.Insert("t", Longs("id", 1, 2, 3, 4, 5, 6), FloatVectors("v", 2, Enumerable.Range(0, 6).Select(i => new float[] { i, 1 }).ToArray()),
            Times("ts", "2025-01-01T00:00:00Z", "2025-01-01T08:00:00+08:00", "2025-01-01 12:30:00.5", "2025-03-01T00:00:00-05:00", null,
                "2024-02-29T00:00:00Z")).Status);
        _h.IndexAndLoad("t", "v", "L2");
    }

    private QueryResults Query(string filter, string? timezone = null, params string[] outputs)
    {
        var request = new QueryRequest { CollectionName = "t", Expr = filter, OutputFields = { outputs } };
        if (timezone is not null) request.QueryParams.Add(new KeyValuePair { Key = "timezone", Value = timezone });
        return _h.Client.Query(request);
    }

    private long[] Ids(string filter, string? timezone = null)
    {
        var reply = Query(filter, timezone);
        Ok(reply.Status);
        return [.. reply.FieldsData.Single(f => f.FieldName == "id").Scalars.LongData.Data];
    }

    [Theory]
    [InlineData("ts == ISO '2025-01-01T00:00:00Z'", null, new long[] { 1, 2 })]
    [InlineData("ts > ISO \"2025-01-01T00:00:00Z\"", null, new long[] { 3, 4 })]
    [InlineData("ISO '2025-01-01T00:00:00Z' < ts", null, new long[] { 3, 4 })]
    [InlineData("ts != iso '2025-01-01T00:00:00+00:00'", null, new long[] { 3, 4, 6 })]
    [InlineData("ts < ISO '2025-01-01 08:00:00'", null, new long[] { 1, 2, 6 })]
    [InlineData("ts < ISO '2025-01-01 08:00:00'", "Asia/Shanghai", new long[] { 6 })]
    [InlineData("ts <= ISO '2025-01-01T12:30:00.5Z' and ts >= ISO '2025-01-01T12:30:00.5Z'", null, new long[] { 3 })]
    [InlineData("ts + INTERVAL 'P1D' > ISO '2025-01-02T00:00:00Z'", null, new long[] { 3, 4 })]
    [InlineData("ts - INTERVAL 'P1Y' >= ISO '2024-01-01T00:00:00Z'", null, new long[] { 1, 2, 3, 4 })]
    [InlineData("ts + interval 'PT12H30M' == ISO '2025-01-01T12:30:00Z'", null, new long[] { 1, 2 })]
    [InlineData("ISO '2025-03-01T00:00:00Z' == ts + INTERVAL 'P2M'", null, new long[] { 1, 2 })]
    [InlineData("ts is null", null, new long[] { 5 })]
    public void Timestamptz_filters_return_exact_ids(string filter, string? timezone, long[] expected)
    {
        CreateTimes();
        Assert.Equal(expected, Ids(filter, timezone));
    }

    [Fact]
    public void Values_come_back_as_RFC3339_in_the_request_or_collection_timezone()
    {
        CreateTimes();
        var utc = Query("id in [1, 3, 4, 5]", null, "ts").FieldsData.Single(f => f.FieldName == "ts");
        Assert.Equal(DataType.Timestamptz, utc.Type);
        Assert.Equal([true, true, true, false], utc.ValidData);
        Assert.Equal(["2025-01-01T00:00:00Z", "2025-01-01T12:30:00.5Z", "2025-03-01T05:00:00Z"], utc.Scalars.StringData.Data.Take(3));
        var shanghai = Query("id in [1, 3]", "Asia/Shanghai", "ts").FieldsData.Single(f => f.FieldName == "ts");
        Assert.Equal(["2025-01-01T08:00:00+08:00", "2025-01-01T20:30:00.5+08:00"], shanghai.Scalars.StringData.Data);
        var hits = _h.Search("t", FloatPlaceholder([0, 1]), 1, outputFields: ["ts"], extra: [("timezone", "America/New_York")]);
        Ok(hits.Status);
        Assert.Equal(["2024-12-31T19:00:00-05:00"], hits.Results.FieldsData.Single().Scalars.StringData.Data);
    }

    [Fact]
    public void A_collection_timezone_reads_naive_text_and_formats_output()
    {
        CreateTimes(new KeyValuePair { Key = "timezone", Value = "Asia/Shanghai" });
        Assert.Equal("Asia/Shanghai", _h.Client.DescribeCollection(new DescribeCollectionRequest { CollectionName = "t" })
            .Properties.Single(p => p.Key == "timezone").Value);
        // Naive "2025-01-01 12:30:00.5" was read in Shanghai time: 04:30:00.5 UTC.
        Assert.Equal(["2025-01-01T12:30:00.5+08:00"], Query("id == 3", null, "ts").FieldsData.Single(f => f.FieldName == "ts").Scalars.StringData.Data);
        Assert.Equal([3L], Ids("ts == ISO '2025-01-01T04:30:00.5Z'"));
        Assert.Equal([1L, 2], Ids("ts == ISO '2025-01-01 08:00:00'"));
    }

    [Fact]
    public void Defaults_accept_ISO_text_or_microseconds_and_describe_shows_text()
    {
        var text = Scalar("a", DataType.Timestamptz);
        text.DefaultValue = new ValueField { StringData = "1984-04-14T15:00:00+08:00" };
        var micros = Scalar("b", DataType.Timestamptz);
        micros.DefaultValue = new ValueField { TimestamptzData = 450774000000000 };
        Ok(_h.CreateCollection("d", Int64Pk(), Vector("v", DataType.FloatVector, 2), text, micros));
        var described = _h.Client.DescribeCollection(new DescribeCollectionRequest { CollectionName = "d" }).Schema.Fields;
        Assert.Equal("1984-04-14T07:00:00Z", described.Single(f => f.Name == "a").DefaultValue.StringData);
        Assert.Equal("1984-04-14T07:00:00Z", described.Single(f => f.Name == "b").DefaultValue.StringData);
        Ok(_h.Insert("d", Longs("id", 1), FloatVectors("v", 2, [[1, 0]])).Status);
        _h.IndexAndLoad("d", "v", "L2");
        var row = _h.Query("d", "id == 1", ["a", "b"]);
        Assert.Equal(["1984-04-14T07:00:00Z"], row.FieldsData.Single(f => f.FieldName == "a").Scalars.StringData.Data);
        Assert.Equal(["1984-04-14T07:00:00Z"], row.FieldsData.Single(f => f.FieldName == "b").Scalars.StringData.Data);
    }

    [Fact]
    public void Invalid_times_timezones_and_intervals_fail_as_Milvus()
    {
        CreateTimes();
        Fails(_h.Insert("t", Longs("id", 7), FloatVectors("v", 2, [[1, 1]]), Times("ts", "yesterday")).Status, 1100,
            "got invalid timestamptz string 'yesterday': invalid timezone name; must be a valid IANA Time Zone ID (e.g., 'Asia/Shanghai' or 'UTC'): invalid parameter");
        Fails(Query("id > 0", "Mars/Base", "ts").Status, 1100, "unknown or invalid IANA Time Zone ID: Mars/Base: invalid parameter");
        Fails(Query("ts > ISO 'soon'").Status, 1100,
            "failed to create query plan: cannot parse expression: ts > ISO 'soon', error: invalid timestamp string: 'soon'. Does not match any known format: invalid parameter");
        Fails(Query("ts + INTERVAL '1D' > ISO '2025-01-01T00:00:00Z'").Status, 1100,
            "failed to create query plan: cannot parse expression: ts + INTERVAL '1D' > ISO '2025-01-01T00:00:00Z', error: invalid ISO 8601 duration: 1D: invalid parameter");
        Fails(Query("ts > ISO '2025-01-01T00:00:00+15:00'").Status, 1100,
            "failed to create query plan: cannot parse expression: ts > ISO '2025-01-01T00:00:00+15:00', error: UTC offset hour 15 is out of the valid range [-12, 14]: invalid parameter");
        Fails(_h.Client.AlterCollection(new AlterCollectionRequest { CollectionName = "t", Properties = { new KeyValuePair { Key = "timezone", Value = "Nowhere" } } }),
            1100, "unknown or invalid IANA Time Zone ID: Nowhere: invalid parameter");
        Fails(_h.Client.AlterDatabase(new AlterDatabaseRequest { DbName = "default", Properties = { new KeyValuePair { Key = "timezone", Value = "Nowhere" } } }),
            1100, "unknown or invalid IANA Time Zone ID: Nowhere: invalid parameter");
    }

    [Fact]
    public void A_new_collection_takes_its_database_timezone()
    {
        Ok(_h.Client.AlterDatabase(new AlterDatabaseRequest { DbName = "default", Properties = { new KeyValuePair { Key = "timezone", Value = "Europe/Paris" } } }));
        CreateTimes();
        Assert.Equal("Europe/Paris", _h.Client.DescribeCollection(new DescribeCollectionRequest { CollectionName = "t" })
            .Properties.Single(p => p.Key == "timezone").Value);
        Assert.Equal(["2025-01-01T01:00:00+01:00"], Query("id == 1", null, "ts").FieldsData.Single(f => f.FieldName == "ts").Scalars.StringData.Data);
    }
}
