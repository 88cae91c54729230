using Google.Protobuf;
using Milvus.Local.Tests.Engine;
using Milvus.Protocol.Api;
using Milvus.Protocol.Common;
using Milvus.Protocol.Schema;
using static Milvus.Local.Tests.Engine.LocalEngineHarness;

namespace Milvus.Local.Tests.Milvus3;

/// <summary>
/// Milvus 3.0 entity-level TTL over both transports: the <c>ttl_field</c> property names a TIMESTAMPTZ field whose
/// value is each row's expiration time; expired rows leave query and search (and compaction, which drops them).
/// </summary>
public abstract class EntityTtlTests(EngineTransport transport) : IDisposable
{
    private readonly LocalEngineHarness _h = new(transport);

    public void Dispose() => _h.Dispose();

    private static KeyValuePair Property(string key, string value) => new() { Key = key, Value = value };

    private Status Create(params KeyValuePair[] properties)
    {
        var schema = new CollectionSchema { Name = "t", Fields = { Int64Pk(), Vector("v", DataType.FloatVector, 2), Scalar("expires", DataType.Timestamptz, nullable: true), Scalar("n", DataType.Int64) } };
        return _h.Client.CreateCollection(new CreateCollectionRequest { CollectionName = "t", Schema = schema.ToByteString(), Properties = { properties } });
    }

    /// <summary>Rows 1 (expired in 2000), 2 (expires in 2100), 3 (null: never), 4 (expired a second ago).</summary>
    private void InsertRows()
    {
        var past = DateTimeOffset.UtcNow.AddSeconds(-1).ToString("yyyy-MM-ddTHH:mm:ss.fffZ");
        Ok(_h.Insert("t", Longs("id", 1, 2, 3, 4), FloatVectors("v", 2, [[0, 0], [1, 0], [2, 0], [3, 0]]),
            TimestamptzFieldTests.Times("expires", "2000-01-01T00:00:00Z", "2100-01-01T00:00:00Z", null, past), Longs("n", 1, 2, 3, 4)).Status);
        _h.IndexAndLoad("t", "v", "L2");
    }

    private long[] QueryIds() => _h.Query("t", "id > 0", ["id"]).FieldsData.Single(f => f.FieldName == "id").Scalars.LongData.Data.Order().ToArray();

    [Fact]
    public void Expired_rows_leave_query_and_search()
    {
        Ok(Create(Property("ttl_field", "expires")));
        InsertRows();
        Assert.Equal([2L, 3], QueryIds());
        var search = _h.Search("t", FloatPlaceholder([0, 0]), 4);
        Assert.Equal([2L, 3], search.Results.Ids.IntId.Data);
        Assert.Equal([1f, 4f], search.Results.Scores);
    }

    [Fact]
    public void Upserting_a_future_expiration_brings_a_row_back_and_compaction_keeps_the_live_rows()
    {
        Ok(Create(Property("ttl_field", "expires")));
        InsertRows();
        Ok(_h.Client.Upsert(new UpsertRequest
        {
            CollectionName = "t", NumRows = 1,
            FieldsData = { Longs("id", 1), FloatVectors("v", 2, [[0, 0]]), TimestamptzFieldTests.Times("expires", "2200-01-01T00:00:00Z"), Longs("n", 10) },
        }).Status);
        Assert.Equal([1L, 2, 3], QueryIds());
        Ok(_h.Client.Flush(new FlushRequest { CollectionNames = { "t" } }).Status);
        Ok(_h.Client.ManualCompaction(new ManualCompactionRequest { CollectionName = "t" }).Status);
        Assert.Equal([1L, 2, 3], QueryIds());
    }

    [Fact]
    public void Ttl_field_can_be_set_later_and_removed_again()
    {
        Ok(Create());
        InsertRows();
        Assert.Equal([1L, 2, 3, 4], QueryIds());
        Ok(_h.Client.AlterCollection(new AlterCollectionRequest { CollectionName = "t", Properties = { Property("ttl_field", "expires") } }));
        Assert.Equal([2L, 3], QueryIds());
        Ok(_h.Client.AlterCollection(new AlterCollectionRequest { CollectionName = "t", DeleteKeys = { "ttl_field" } }));
        Assert.Equal([1L, 2, 3, 4], QueryIds());
    }

    // Texts and order of Milvus's proxy: createCollectionTask.validateTTL and alterCollectionTask's TTL checks.
    [Fact]
    public void Ttl_field_must_be_a_timestamptz_field_of_the_schema()
    {
        Fails(Create(Property("ttl_field", "n")), 1100, "ttl field must be timestamptz, field name = n: invalid parameter");
        Fails(Create(Property("ttl_field", "nope")), 1100, "ttl field name nope not found in schema: invalid parameter");
        Ok(Create());
        Fails(_h.Client.AlterCollection(new AlterCollectionRequest { CollectionName = "t", Properties = { Property("ttl_field", "nope") } }), 1100,
            "ttl field name nope not found in schema: invalid parameter");
    }

    [Fact]
    public void Ttl_field_and_collection_ttl_are_mutually_exclusive()
    {
        Fails(Create(Property("ttl_field", "expires"), Property("collection.ttl.seconds", "60")), 1100,
            "collection TTL and ttl field cannot be set at the same time: invalid parameter");
        Ok(Create(Property("collection.ttl.seconds", "60")));
        Fails(_h.Client.AlterCollection(new AlterCollectionRequest { CollectionName = "t", Properties = { Property("ttl_field", "expires") } }), 1100,
            "collection TTL is already set, cannot be set ttl field: invalid parameter");
        Fails(_h.Client.AlterCollection(new AlterCollectionRequest
            {
                CollectionName = "t", Properties = { Property("ttl_field", "expires"), Property("collection.ttl.seconds", "30") },
            }), 1100, "collection TTL and ttl field cannot be set at the same time: invalid parameter");
        // Milvus's switch: drop collection.ttl.seconds first, then set ttl_field; the other way round is refused too.
        Ok(_h.Client.AlterCollection(new AlterCollectionRequest { CollectionName = "t", DeleteKeys = { "collection.ttl.seconds" } }));
        Ok(_h.Client.AlterCollection(new AlterCollectionRequest { CollectionName = "t", Properties = { Property("ttl_field", "expires") } }));
        Fails(_h.Client.AlterCollection(new AlterCollectionRequest { CollectionName = "t", Properties = { Property("collection.ttl.seconds", "60") } }), 1100,
            "ttl field is already exists, cannot be set collection TTL: invalid parameter");
    }
}

public sealed class EntityTtlInProcessTests() : EntityTtlTests(EngineTransport.InProcess);

public sealed class EntityTtlKestrelTests() : EntityTtlTests(EngineTransport.Kestrel);
