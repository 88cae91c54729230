using Milvus.Protocol.Api;
using Milvus.Protocol.Schema;
using static Milvus.Local.Tests.Engine.LocalEngineHarness;

namespace Milvus.Local.Tests.Engine;

/// <summary>Upsert replaces rows where Milvus's upsert task does: in the target partition, or everywhere with a partition key.</summary>
public abstract class UpsertTests(EngineTransport transport) : IDisposable
{
    private readonly LocalEngineHarness _h = new(transport);

    public void Dispose() => _h.Dispose();

    private void CreateWithPartitions()
    {
        Ok(_h.CreateCollection("u", Int64Pk(), Vector("v", DataType.FloatVector, 2), VarChar("tag", 16)));
        foreach (var p in new[] { "p1", "p2" }) Ok(_h.Client.CreatePartition(new CreatePartitionRequest { CollectionName = "u", PartitionName = p }));
        Ok(Write("p1", 1, "one"));
        Ok(Write("", 2, "two"));
        _h.IndexAndLoad("u", "v", "L2");
    }

    private Milvus.Protocol.Common.Status Write(string partition, long id, string tag, bool upsert = false)
    {
        FieldData[] fields = [Longs("id", id), FloatVectors("v", 2, [[id, 0]]), Strings("tag", tag)];
        return upsert
            ? _h.Client.Upsert(new UpsertRequest { CollectionName = "u", PartitionName = partition, NumRows = 1, FieldsData = { fields } }).Status
            : _h.Client.Insert(new InsertRequest { CollectionName = "u", PartitionName = partition, NumRows = 1, FieldsData = { fields } }).Status;
    }

    private List<string> Tags(string filter, params string[] partitions)
    {
        var request = new QueryRequest { CollectionName = "u", Expr = filter, OutputFields = { "tag" }, PartitionNames = { partitions } };
        var reply = _h.Client.Query(request);
        Ok(reply.Status);
        return reply.FieldsData.Single(f => f.FieldName == "tag").Scalars.StringData.Data.Order(StringComparer.Ordinal).ToList();
    }

    [Fact]
    public void Upsert_into_a_named_partition_replaces_the_key_only_in_that_partition()
    {
        CreateWithPartitions();
        Ok(Write("p2", 1, "one-p2", upsert: true));
        // Like Milvus, a query over several partitions returns one row per key (the latest); each partition keeps its own.
        Assert.Equal(["one-p2"], Tags("id == 1"));
        Assert.Equal(["one"], Tags("id == 1", "p1"));
        Assert.Equal(["one-p2"], Tags("id == 1", "p2"));

        Ok(Write("p1", 1, "one-new", upsert: true));
        Assert.Equal(["one-new"], Tags("id == 1", "p1"));
        Assert.Equal(["one-p2"], Tags("id == 1", "p2"));
    }

    [Fact]
    public void Upsert_without_a_partition_replaces_the_key_in_default_only()
    {
        CreateWithPartitions();
        Ok(Write("", 2, "two-new", upsert: true));
        Assert.Equal(["two-new"], Tags("id == 2"));
        Ok(Write("", 1, "one-default", upsert: true));
        Assert.Equal(["one"], Tags("id == 1", "p1"));
        Assert.Equal(["one-default"], Tags("id == 1", "_default"));
        Fails(Write("nope", 1, "x", upsert: true), 200, "partition not found[partition=nope]");
    }

    [Fact]
    public void Partial_update_reads_the_existing_row_from_the_target_partition_only()
    {
        CreateWithPartitions();
        var partial = new UpsertRequest { CollectionName = "u", PartitionName = "p1", NumRows = 1, PartialUpdate = true, FieldsData = { Longs("id", 1), Strings("tag", "patched") } };
        Ok(_h.Client.Upsert(partial).Status);
        Assert.Equal(["patched"], Tags("id == 1"));
        var vector = _h.Client.Query(new QueryRequest { CollectionName = "u", Expr = "id == 1", OutputFields = { "v" } });
        Assert.Equal([1f, 0], vector.FieldsData.Single(f => f.FieldName == "v").Vectors.FloatVector.Data);

        // In p2 the key is new, so the partial row is an insert and lacks the vector.
        partial.PartitionName = "p2";
        Assert.Equal(1100, _h.Client.Upsert(partial).Status.Code);
        Assert.Equal(["patched"], Tags("id == 1"));
    }

    [Fact]
    public void A_partition_key_upsert_replaces_the_key_in_every_partition_and_refuses_a_partition_name()
    {
        var tenant = VarChar("tenant", 8);
        tenant.IsPartitionKey = true;
        var schema = new CollectionSchema { Name = "k", Fields = { Int64Pk(), Vector("v", DataType.FloatVector, 2), tenant } };
        Ok(_h.Client.CreateCollection(new CreateCollectionRequest { CollectionName = "k", Schema = Google.Protobuf.MessageExtensions.ToByteString(schema), NumPartitions = 8 }));
        _h.IndexAndLoad("k", "v", "L2");
        Ok(_h.Insert("k", Longs("id", 1), FloatVectors("v", 2, [[1, 0]]), Strings("tenant", "a")).Status);
        foreach (var tenantName in new[] { "b", "c", "d", "e" })
            Ok(_h.Client.Upsert(new UpsertRequest { CollectionName = "k", NumRows = 1, FieldsData = { Longs("id", 1), FloatVectors("v", 2, [[1, 0]]), Strings("tenant", tenantName) } }).Status);
        var rows = _h.Client.Query(new QueryRequest { CollectionName = "k", Expr = "id == 1", OutputFields = { "tenant" } });
        Assert.Equal(["e"], rows.FieldsData.Single(f => f.FieldName == "tenant").Scalars.StringData.Data);
        Fails(_h.Client.Upsert(new UpsertRequest
        {
            CollectionName = "k", PartitionName = "_default_0", NumRows = 1, FieldsData = { Longs("id", 1), FloatVectors("v", 2, [[1, 0]]), Strings("tenant", "a") },
        }).Status, 1100, "not support manually specifying the partition names if partition key mode is used: invalid parameter");
    }

    [Fact]
    public void Duplicate_keys_in_one_upsert_are_refused_and_nothing_is_written()
    {
        CreateWithPartitions();
        var reply = _h.Client.Upsert(new UpsertRequest
        {
            CollectionName = "u", NumRows = 2, FieldsData = { Longs("id", 2, 2), FloatVectors("v", 2, [[1, 0], [0, 1]]), Strings("tag", "a", "b") },
        });
        Fails(reply.Status, 1100, "duplicate primary keys are not allowed in the same batch: invalid parameter");
        Assert.Equal(["two"], Tags("id == 2"));
    }
}

public sealed class UpsertTestsInProcess() : UpsertTests(EngineTransport.InProcess);

public sealed class UpsertTestsOverKestrel() : UpsertTests(EngineTransport.Kestrel);
