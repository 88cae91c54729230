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
        Assert.Equal("timezone", Assert.Single(_h.Client.DescribeCollection(new DescribeCollectionRequest { CollectionName = "c" }).Properties).Key);
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

public sealed class ResourceGroupTests : IDisposable
{
    private readonly LocalEngineHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public void Only_the_default_resource_group_exists()
    {
        Assert.Equal(["__default_resource_group"], _h.Client.ListResourceGroups(new ListResourceGroupsRequest()).ResourceGroups);
        var group = _h.Client.DescribeResourceGroup(new DescribeResourceGroupRequest { ResourceGroup = "__default_resource_group" });
        Ok(group.Status);
        Assert.Equal(1, group.ResourceGroup.NumAvailableNode);
        Fails(_h.Client.DescribeResourceGroup(new DescribeResourceGroupRequest { ResourceGroup = "rg1" }).Status, 300, "resource group not found[rg=rg1]");
        Ok(_h.CreateCollection("c", Int64Pk(), Vector("v", DataType.FloatVector, 2)));
        Fails(_h.Client.LoadCollection(new LoadCollectionRequest { CollectionName = "c", ReplicaNumber = 2 }), 3000,
            "unsupported operation[more than one replica]: not supported by the Milvus local engine");
    }
}

public sealed class TimeToLiveTests : IDisposable
{
    private readonly LocalEngineHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public void Rows_older_than_the_ttl_are_not_returned()
    {
        Ok(_h.CreateCollection("c", Int64Pk(), Vector("v", DataType.FloatVector, 2)));
        Ok(_h.Insert("c", Longs("id", 1), FloatVectors("v", 2, [[1, 0]])).Status);
        _h.IndexAndLoad("c", "v", "L2");
        Ok(_h.Client.AlterCollection(new AlterCollectionRequest { CollectionName = "c", Properties = { new KeyValuePair { Key = "collection.ttl.seconds", Value = "3600" } } }));
        Assert.Equal([1L], _h.Search("c", FloatPlaceholder([1, 0]), 1).Results.Ids.IntId.Data);
        // With a one-second TTL the row (written before this point) is expired once more than a second has passed.
        Ok(_h.Client.AlterCollection(new AlterCollectionRequest { CollectionName = "c", Properties = { new KeyValuePair { Key = "collection.ttl.seconds", Value = "1" } } }));
        var writtenAt = DateTime.UtcNow;
        SpinWait.SpinUntil(() => DateTime.UtcNow - writtenAt > TimeSpan.FromSeconds(1.1));
        Assert.Empty(_h.Search("c", FloatPlaceholder([1, 0]), 1).Results.Ids.IntId.Data);
        Assert.Equal([0L], _h.Query("c", "", ["count(*)"]).FieldsData.Single().Scalars.LongData.Data);
    }

    [Fact]
    public void Unsupported_rpc_without_a_status_field_fails_at_the_grpc_level_unimplemented()
    {
        // GetReplicateInfoResponse has no status: an UNKNOWN error here made clients retry until their deadline.
        var e = Assert.Throws<Grpc.Core.RpcException>(() => _h.Client.GetReplicateInfo(new GetReplicateInfoRequest()));
        Assert.Equal(Grpc.Core.StatusCode.Unimplemented, e.StatusCode);
        Assert.Equal("unsupported operation[GetReplicateInfo]: not supported by the Milvus local engine", e.Status.Detail);
    }
}
