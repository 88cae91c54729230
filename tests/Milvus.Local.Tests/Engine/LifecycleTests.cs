using Milvus.Protocol.Api;
using Milvus.Protocol.Common;
using Milvus.Protocol.Schema;
using static Milvus.Local.Tests.Engine.LocalEngineHarness;

namespace Milvus.Local.Tests.Engine;

/// <summary>Collection changes after creation: properties, added fields, truncation, flush and timestamps.</summary>
public sealed class LifecycleTests : IDisposable
{
    private readonly LocalEngineHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public void Alter_properties_and_field_params()
    {
        Ok(_h.CreateCollection("c", Int64Pk(), Vector("v", DataType.FloatVector, 2), VarChar("s", 8)));
        Ok(_h.Client.AlterCollection(new AlterCollectionRequest { CollectionName = "c", Properties = { new KeyValuePair { Key = "collection.ttl.seconds", Value = "60" } } }));
        Assert.Equal("60", _h.Client.DescribeCollection(new DescribeCollectionRequest { CollectionName = "c" }).Properties.Single(p => p.Key == "collection.ttl.seconds").Value);
        Fails(_h.Client.AlterCollection(new AlterCollectionRequest { CollectionName = "c", Properties = { new KeyValuePair { Key = "collection.ttl.seconds", Value = "-5" } } }),
            1100, "collection TTL is out of range, expect [-1, 3155760000], got -5: invalid parameter");
        Ok(_h.Client.AlterCollection(new AlterCollectionRequest { CollectionName = "c", DeleteKeys = { "collection.ttl.seconds" } }));
        Assert.Empty(_h.Client.DescribeCollection(new DescribeCollectionRequest { CollectionName = "c" }).Properties);
        Ok(_h.Client.AlterCollectionField(new AlterCollectionFieldRequest { CollectionName = "c", FieldName = "s", Properties = { new KeyValuePair { Key = "max_length", Value = "32" } } }));
        var field = _h.Client.DescribeCollection(new DescribeCollectionRequest { CollectionName = "c" }).Schema.Fields.Single(f => f.Name == "s");
        Assert.Equal("32", field.TypeParams.Single(p => p.Key == "max_length").Value);
    }

    [Fact]
    public void Added_fields_read_as_null_for_old_rows()
    {
        Ok(_h.CreateCollection("c", Int64Pk(), Vector("v", DataType.FloatVector, 2)));
        Ok(_h.Insert("c", Longs("id", 1), FloatVectors("v", 2, [[1, 0]])).Status);
        _h.IndexAndLoad("c", "v", "L2");
        Fails(_h.Client.AddCollectionField(new AddCollectionFieldRequest
        {
            CollectionName = "c", Schema = Google.Protobuf.MessageExtensions.ToByteString(Scalar("n", DataType.Int64)),
        }), 1100, "added field must be nullable, please check it, field name = n: invalid parameter");
        Ok(_h.Client.AddCollectionField(new AddCollectionFieldRequest
        {
            CollectionName = "c", Schema = Google.Protobuf.MessageExtensions.ToByteString(Scalar("n", DataType.Int64, nullable: true)),
        }));
        Ok(_h.Insert("c", Longs("id", 2), FloatVectors("v", 2, [[0, 1]]), Longs("n", 5)).Status);
        var rows = _h.Query("c", "id > 0", ["n"]);
        var n = rows.FieldsData.Single(f => f.FieldName == "n");
        Assert.Equal([false, true], n.ValidData);
        Assert.Equal([0L, 5], n.Scalars.LongData.Data);
        Assert.Equal([2L], _h.Query("c", "n == 5").FieldsData.Single().Scalars.LongData.Data);
    }

    [Fact]
    public void Truncate_flush_and_timestamps()
    {
        Ok(_h.CreateCollection("c", Int64Pk(), Vector("v", DataType.FloatVector, 2)));
        var write = _h.Insert("c", Longs("id", 1, 2), FloatVectors("v", 2, [[1, 0], [0, 1]]));
        var ts = _h.Client.AllocTimestamp(new AllocTimestampRequest()).Timestamp;
        Assert.True(ts > write.Timestamp);
        var flush = _h.Client.Flush(new FlushRequest { CollectionNames = { "c" } });
        Ok(flush.Status);
        Assert.Single(flush.CollSegIDs["c"].Data);
        Assert.True(_h.Client.GetFlushState(new GetFlushStateRequest { CollectionName = "c", FlushTs = flush.CollFlushTs["c"] }).Flushed);
        Assert.Equal(SegmentState.Flushed, _h.Client.GetPersistentSegmentInfo(new GetPersistentSegmentInfoRequest { CollectionName = "c" }).Infos.Single().State);
        _h.IndexAndLoad("c", "v", "L2");
        Assert.Equal(2, _h.Client.GetQuerySegmentInfo(new GetQuerySegmentInfoRequest { CollectionName = "c" }).Infos.Single().NumRows);
        Ok(_h.Client.TruncateCollection(new TruncateCollectionRequest { CollectionName = "c" }).Status);
        Assert.Equal([0L], _h.Query("c", "", ["count(*)"]).FieldsData.Single().Scalars.LongData.Data);
        Assert.Equal("0", _h.Client.GetCollectionStatistics(new GetCollectionStatisticsRequest { CollectionName = "c" }).Stats.Single().Value);
    }
}
