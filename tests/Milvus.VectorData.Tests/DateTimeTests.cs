using System.Linq.Expressions;
using Microsoft.Extensions.VectorData;
using Milvus.Client;
using Milvus.VectorData.Tests.Support;

namespace Milvus.VectorData.Tests;

/// <summary>
/// DateTimeOffset and DateTime data properties on Milvus TIMESTAMPTZ fields, which keep UTC instants to the
/// microsecond: values written with any offset or kind come back as the same instant in UTC, and filters compare
/// instants. Through a local .db and Milvus.Local.Server, on typed and dynamic collections.
/// </summary>
public class DateTimeTests
{
    public sealed class Event
    {
        [VectorStoreKey] public long Key { get; set; }
        [VectorStoreData] public DateTimeOffset Start { get; set; }
        [VectorStoreData] public DateTime Logged { get; set; }
        [VectorStoreData] public DateTimeOffset? End { get; set; }
        [VectorStoreVector(2)] public ReadOnlyMemory<float> Vector { get; set; }
    }

    private static readonly TimeSpan India = TimeSpan.FromMinutes(330);
    private static readonly TimeSpan California = TimeSpan.FromHours(-8);

    /// <summary>Instants an hour apart around 2025-03-01 12:00 UTC, written with offsets and kinds of every sort.</summary>
    private static readonly Event[] Events =
    [
        new() { Key = 1, Start = new DateTimeOffset(2025, 3, 1, 17, 30, 0, India).AddTicks(1234560), // 12:00:00.123456Z
            Logged = new DateTime(2025, 3, 1, 12, 0, 0, DateTimeKind.Utc), End = null, Vector = new float[] { 1, 0 } },
        new() { Key = 2, Start = new DateTimeOffset(2025, 3, 1, 5, 0, 0, California), // 13:00Z
            Logged = new DateTime(2025, 3, 1, 13, 0, 0, DateTimeKind.Unspecified),
            End = new DateTimeOffset(2025, 3, 2, 0, 0, 0, TimeSpan.Zero), Vector = new float[] { 0, 1 } },
        new() { Key = 3, Start = new DateTimeOffset(2025, 3, 1, 14, 0, 0, TimeSpan.Zero), // 14:00Z
            Logged = new DateTime(2025, 3, 1, 14, 0, 0, DateTimeKind.Utc).ToLocalTime(),
            End = new DateTimeOffset(2025, 3, 1, 23, 59, 59, 999, TimeSpan.FromHours(2)), Vector = new float[] { 1, 1 } },
        new() { Key = 4, Start = new DateTimeOffset(1969, 12, 31, 23, 59, 59, TimeSpan.Zero), // before the epoch
            Logged = new DateTime(2100, 1, 1, 0, 0, 0, DateTimeKind.Utc), End = null, Vector = new float[] { 0.5f, 0.5f } },
    ];

    public static TheoryData<Transport> Transports => new() { Transport.InProcess, Transport.Kestrel };

    private static async Task<(StoreSetup Setup, VectorStoreCollection<long, Event> Collection)> ArrangeAsync(Transport transport)
    {
        var setup = await StoreSetup.StartAsync(transport);
        var collection = setup.Store.GetCollection<long, Event>("events");
        await collection.EnsureCollectionExistsAsync();
        await collection.UpsertAsync(Events);
        return (setup, collection);
    }

    [Theory, MemberData(nameof(Transports))]
    public async Task Values_round_trip_as_the_same_instant_in_UTC(Transport transport)
    {
        var (setup, collection) = await ArrangeAsync(transport);
        await using var _ = setup;

        var fields = (await setup.Client.DescribeCollectionAsync("events")).Fields.ToDictionary(f => f.Name, f => f.DataType);
        Assert.Equal([DataType.Timestamptz, DataType.Timestamptz, DataType.Timestamptz], [fields["Start"], fields["Logged"], fields["End"]]);

        var read = await collection.GetAsync([1L, 2L, 3L, 4L]).OrderBy(e => e.Key).ToListAsync();
        Assert.Equal(
        [
            "1 2025-03-01T12:00:00.1234560+00:00 2025-03-01T12:00:00.0000000Z Utc -",
            "2 2025-03-01T13:00:00.0000000+00:00 2025-03-01T13:00:00.0000000Z Utc 2025-03-02T00:00:00.0000000+00:00",
            "3 2025-03-01T14:00:00.0000000+00:00 2025-03-01T14:00:00.0000000Z Utc 2025-03-01T21:59:59.9990000+00:00",
            "4 1969-12-31T23:59:59.0000000+00:00 2100-01-01T00:00:00.0000000Z Utc -",
        ], read.Select(e => $"{e.Key} {e.Start:O} {e.Logged:O} {e.Logged.Kind} {e.End?.ToString("O") ?? "-"}"));
        foreach (var (expected, actual) in Events.Zip(read))
        {
            Assert.Equal(expected.Start, actual.Start); // DateTimeOffset equality is the instant's
            Assert.Equal(expected.End, actual.End);
        }
    }

    [Theory, MemberData(nameof(Transports))]
    public async Task Dynamic_records_read_DateTimeOffset_values_in_UTC(Transport transport)
    {
        var (setup, _) = await ArrangeAsync(transport);
        await using var __ = setup;
        var definition = new VectorStoreCollectionDefinition
        {
            Properties =
            [
                new VectorStoreKeyProperty("Key", typeof(long)),
                new VectorStoreDataProperty("Start", typeof(DateTimeOffset)),
                new VectorStoreDataProperty("Logged", typeof(DateTime)),
                new VectorStoreDataProperty("End", typeof(DateTimeOffset?)),
                new VectorStoreVectorProperty("Vector", typeof(ReadOnlyMemory<float>), 2),
            ],
        };
        var dynamic = setup.Store.GetDynamicCollection("events", definition);
        var row = await dynamic.GetAsync(2L);
        Assert.NotNull(row);
        Assert.Equal(new DateTimeOffset(2025, 3, 1, 13, 0, 0, TimeSpan.Zero), Assert.IsType<DateTimeOffset>(row["Start"]));
        Assert.Equal(TimeSpan.Zero, ((DateTimeOffset)row["Start"]!).Offset);
        Assert.Equal(new DateTime(2025, 3, 1, 13, 0, 0, DateTimeKind.Utc), Assert.IsType<DateTime>(row["Logged"]));
        var found = await dynamic.GetAsync(r => (DateTimeOffset)r["Start"]! < new DateTimeOffset(2025, 3, 1, 13, 0, 0, TimeSpan.Zero), top: 10)
            .Select(r => (long)r["Key"]!).OrderBy(k => k).ToListAsync();
        Assert.Equal([1L, 4L], found);
    }

    public static TheoryData<Transport, string> Filters()
    {
        var data = new TheoryData<Transport, string>();
        foreach (var transport in new[] { Transport.InProcess, Transport.Kestrel })
            foreach (var name in FilterCases.Keys) data.Add(transport, name);
        return data;
    }

    private static readonly DateTimeOffset OneIndia = new(2025, 3, 1, 18, 30, 0, India); // 13:00Z
    private static readonly DateTimeOffset NoonAndMicroseconds = new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero).AddTicks(1234560);

    private static readonly Dictionary<string, Expression<Func<Event, bool>>> FilterCases = new()
    {
        ["greater than an instant written with an offset"] = e => e.Start > OneIndia,
        ["greater or equal"] = e => e.Start >= OneIndia,
        ["less than"] = e => e.Start < OneIndia,
        ["equal to the microsecond"] = e => e.Start == NoonAndMicroseconds,
        ["not equal"] = e => e.Start != OneIndia,
        ["reversed"] = e => OneIndia <= e.Start,
        ["between, with &&"] = e => e.Start >= new DateTimeOffset(2025, 3, 1, 12, 30, 0, TimeSpan.Zero) && e.Start < new DateTimeOffset(2025, 3, 1, 14, 0, 0, TimeSpan.Zero),
        ["DateTime UTC"] = e => e.Logged > new DateTime(2025, 3, 1, 13, 0, 0, DateTimeKind.Utc),
        ["DateTime unspecified kind is UTC"] = e => e.Logged <= new DateTime(2025, 3, 1, 13, 0, 0),
        ["nullable is null"] = e => e.End == null,
        ["nullable compared"] = e => e.End < new DateTimeOffset(2025, 3, 2, 0, 0, 0, TimeSpan.Zero),
        ["before the epoch"] = e => e.Start < DateTimeOffset.UnixEpoch,
    };

    [Theory, MemberData(nameof(Filters))]
    public async Task Filters_compare_instants_as_LINQ_does(Transport transport, string name)
    {
        var filter = FilterCases[name];
        // LINQ compares DateTime ticks whatever their kind: it runs on the values as stored (UTC instants).
        var stored = Events.Select(e => new Event { Key = e.Key, Start = e.Start, End = e.End, Logged = AsStored(e.Logged) });
        var expected = stored.AsQueryable().Where(filter).Select(e => e.Key).Order().ToList();
        Assert.NotEmpty(expected);
        var (setup, collection) = await ArrangeAsync(transport);
        await using var _ = setup;

        var got = await collection.GetAsync(filter, top: 10).Select(e => e.Key).OrderBy(k => k).ToListAsync();
        Assert.Equal(expected, got);
        var searched = await collection.SearchAsync(new ReadOnlyMemory<float>([1, 0]), top: 10, new VectorSearchOptions<Event> { Filter = filter })
            .Select(r => r.Record.Key).OrderBy(k => k).ToListAsync();
        Assert.Equal(expected, searched);
    }

    /// <summary>A DateTime as the provider stores it: UTC, an unspecified kind taken as UTC.</summary>
    private static DateTime AsStored(DateTime value)
        => value.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(value, DateTimeKind.Utc) : value.ToUniversalTime();

    [Fact]
    public void Filter_literals_are_UTC_instants_to_the_microsecond()
    {
        var model = new MilvusModelBuilder().Build(typeof(Event), typeof(long), null, null);
        string Translate(Expression<Func<Event, bool>> filter) => MilvusFilterTranslator.Translate(filter, model);
        Assert.Equal("Start > ISO '2025-03-01T13:00:00Z'", Translate(e => e.Start > OneIndia));
        Assert.Equal("Start == ISO '2025-03-01T12:00:00.123456Z'",
            Translate(e => e.Start == NoonAndMicroseconds));
        Assert.Equal("Logged < ISO '2025-03-01T12:00:00Z'", Translate(e => e.Logged < new DateTime(2025, 3, 1, 12, 0, 0)));
    }
}
