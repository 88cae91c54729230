using Google.Protobuf;
using Milvus.Local.Tests.Engine;
using Milvus.Protocol.Api;
using Milvus.Protocol.Common;
using Milvus.Protocol.Schema;
using static Milvus.Local.Tests.Engine.LocalEngineHarness;

namespace Milvus.Local.Tests.Milvus3;

/// <summary>
/// Milvus 3.0 nullable vector fields over both transports: the payload is compact (valid_data one flag per row,
/// vectors of the valid rows only) on the way in and out, null rows are no search candidates, query returns them
/// as null, and rows older than an added vector field read null.
/// </summary>
public abstract class NullableVectorTests(EngineTransport transport) : IDisposable
{
    private readonly LocalEngineHarness _h = new(transport);

    public void Dispose() => _h.Dispose();

    private static FieldSchema NullableVector(string name, DataType type, int dim)
    {
        var field = dim > 0 ? Vector(name, type, dim) : new FieldSchema { Name = name, DataType = type };
        field.Nullable = true;
        return field;
    }

    /// <summary>Float vectors of the valid rows only, as the SDKs send a nullable vector column.</summary>
    private static FieldData CompactFloats(string name, int dim, params float[]?[] rows)
    {
        var data = FloatVectors(name, dim, rows.Where(r => r is not null).ToArray()!);
        data.ValidData.Add(rows.Select(r => r is not null));
        return data;
    }

    private void CreateFloats()
    {
        Ok(_h.CreateCollection("c", Int64Pk(), NullableVector("v", DataType.FloatVector, 2)));
        Ok(_h.Insert("c", Longs("id", 1, 2, 3), CompactFloats("v", 2, [1, 2], null, [3, 4])).Status);
        _h.IndexAndLoad("c", "v", "L2");
    }

    [Fact]
    public void Query_returns_null_rows_as_valid_data_false_with_a_compact_payload()
    {
        CreateFloats();
        var reply = _h.Query("c", "id >= 1", ["id", "v"]);
        Ok(reply.Status);
        var v = reply.FieldsData.Single(f => f.FieldName == "v");
        Assert.Equal([1L, 2, 3], reply.FieldsData.Single(f => f.FieldName == "id").Scalars.LongData.Data);
        Assert.Equal([true, false, true], v.ValidData);
        Assert.Equal([1f, 2, 3, 4], v.Vectors.FloatVector.Data);
        Assert.Equal(2, v.Vectors.Dim);
    }

    [Fact]
    public void Search_skips_null_rows()
    {
        CreateFloats();
        var reply = _h.Search("c", FloatPlaceholder([1, 2]), 3, outputFields: ["v"]);
        Ok(reply.Status);
        Assert.Equal([1L, 3], reply.Results.Ids.IntId.Data);
        Assert.Equal([0f, 8f], reply.Results.Scores);
        var v = reply.Results.FieldsData.Single(f => f.FieldName == "v");
        Assert.Equal([true, true], v.ValidData);
        Assert.Equal([1f, 2, 3, 4], v.Vectors.FloatVector.Data);
    }

    [Fact]
    public void Search_through_an_hnsw_index_skips_null_rows()
    {
        Ok(_h.CreateCollection("c", Int64Pk(), NullableVector("v", DataType.FloatVector, 2)));
        Ok(_h.Insert("c", Longs("id", 1, 2, 3, 4), CompactFloats("v", 2, null, [0, 1], null, [5, 5])).Status);
        Ok(_h.Client.Flush(new FlushRequest { CollectionNames = { "c" } }).Status);
        _h.IndexAndLoad("c", "v", "L2", "HNSW");
        var reply = _h.Search("c", FloatPlaceholder([0, 0]), 4);
        Ok(reply.Status);
        Assert.Equal([2L, 4], reply.Results.Ids.IntId.Data);
        Assert.Equal([1f, 50f], reply.Results.Scores);
    }

    [Fact]
    public void Upsert_turns_a_vector_into_null_and_a_null_into_a_vector()
    {
        CreateFloats();
        Ok(_h.Client.Upsert(new UpsertRequest { CollectionName = "c", NumRows = 2, FieldsData = { Longs("id", 2, 3), CompactFloats("v", 2, [5, 6], null) } }).Status);
        var reply = _h.Query("c", "id >= 1", ["v"]);
        var v = reply.FieldsData.Single(f => f.FieldName == "v");
        var ids = reply.FieldsData.Single(f => f.FieldName == "id").Scalars.LongData.Data;
        var byId = ids.Select((id, i) => (id, valid: v.ValidData[i])).OrderBy(p => p.id).ToList();
        Assert.Equal([(1L, true), (2L, true), (3L, false)], byId);
        var search = _h.Search("c", FloatPlaceholder([5, 6]), 3);
        Assert.Equal([2L, 1], search.Results.Ids.IntId.Data);
    }

    [Fact]
    public void A_column_left_out_of_the_insert_is_all_null()
    {
        Ok(_h.CreateCollection("c", Int64Pk(), Vector("dense", DataType.FloatVector, 2), NullableVector("v", DataType.FloatVector, 2)));
        Ok(_h.Insert("c", Longs("id", 1, 2), FloatVectors("dense", 2, [[1, 0], [0, 1]])).Status);
        Ok(_h.Client.CreateIndex(new CreateIndexRequest
        {
            CollectionName = "c", FieldName = "v",
            ExtraParams = { new KeyValuePair { Key = "index_type", Value = "FLAT" }, new KeyValuePair { Key = "metric_type", Value = "L2" } },
        }));
        _h.IndexAndLoad("c", "dense", "L2");
        var reply = _h.Query("c", "id >= 1", ["v"]);
        var v = reply.FieldsData.Single(f => f.FieldName == "v");
        Assert.Equal([false, false], v.ValidData);
        Assert.Empty(v.Vectors.FloatVector.Data);
    }

    [Fact]
    public void Sparse_and_binary_vectors_are_nullable_too()
    {
        Ok(_h.CreateCollection("c", Int64Pk(), NullableVector("s", DataType.SparseFloatVector, 0), NullableVector("b", DataType.BinaryVector, 8)));
        var sparse = SparseVectors("s", [(0, 1f)], [(1, 2f)]);
        sparse.ValidData.Add([true, false, true]);
        var binary = BinaryVectors("b", 8, [[0b0000_0001]]);
        binary.ValidData.Add([false, true, false]);
        Ok(_h.Client.Insert(new InsertRequest { CollectionName = "c", NumRows = 3, FieldsData = { Longs("id", 1, 2, 3), sparse, binary } }).Status);
        Ok(_h.Client.CreateIndex(new CreateIndexRequest
        {
            CollectionName = "c", FieldName = "s",
            ExtraParams = { new KeyValuePair { Key = "index_type", Value = "SPARSE_INVERTED_INDEX" }, new KeyValuePair { Key = "metric_type", Value = "IP" } },
        }));
        _h.IndexAndLoad("c", "b", "HAMMING", "BIN_FLAT");
        var reply = _h.Query("c", "id >= 1", ["s", "b"]);
        var s = reply.FieldsData.Single(f => f.FieldName == "s");
        var b = reply.FieldsData.Single(f => f.FieldName == "b");
        Assert.Equal([true, false, true], s.ValidData);
        Assert.Equal([SparseBytes([(0, 1f)]), SparseBytes([(1, 2f)])], s.Vectors.SparseFloatVector.Contents);
        Assert.Equal([false, true, false], b.ValidData);
        Assert.Equal([(byte)1], b.Vectors.BinaryVector.ToByteArray());
        var hamming = _h.Search("c", Placeholder(PlaceholderType.BinaryVector, ByteString.CopyFrom([0b0000_0011])), 3, annsField: "b");
        Assert.Equal([2L], hamming.Results.Ids.IntId.Data);
        Assert.Equal([1f], hamming.Results.Scores);
    }

    [Fact]
    public void A_vector_field_added_later_reads_null_for_older_rows_and_must_be_nullable()
    {
        Ok(_h.CreateCollection("c", Int64Pk(), Vector("v", DataType.FloatVector, 2)));
        Ok(_h.Insert("c", Longs("id", 1, 2), FloatVectors("v", 2, [[1, 2], [3, 4]])).Status);
        Ok(_h.Client.AddCollectionField(new AddCollectionFieldRequest
        {
            CollectionName = "c", Schema = NullableVector("w", DataType.FloatVector, 2).ToByteString(),
        }));
        Ok(_h.Insert("c", Longs("id", 3), FloatVectors("v", 2, [[5, 6]]), CompactFloats("w", 2, [7, 8])).Status);
        Ok(_h.Client.CreateIndex(new CreateIndexRequest
        {
            CollectionName = "c", FieldName = "w",
            ExtraParams = { new KeyValuePair { Key = "index_type", Value = "FLAT" }, new KeyValuePair { Key = "metric_type", Value = "L2" } },
        }));
        _h.IndexAndLoad("c", "v", "L2");
        var reply = _h.Query("c", "id >= 1", ["w"]);
        var w = reply.FieldsData.Single(f => f.FieldName == "w");
        Assert.Equal([false, false, true], w.ValidData);
        Assert.Equal([7f, 8], w.Vectors.FloatVector.Data);
        var search = _h.Search("c", FloatPlaceholder([0, 0]), 3, annsField: "w");
        Assert.Equal([3L], search.Results.Ids.IntId.Data);
        Fails(_h.Client.AddCollectionField(new AddCollectionFieldRequest
        {
            CollectionName = "c", Schema = Vector("x", DataType.FloatVector, 2).ToByteString(),
        }), 1100, "added field must be nullable, please check it, field name = x: invalid parameter");
    }

    [Fact]
    public void A_null_in_a_vector_field_that_is_not_nullable_is_refused()
    {
        Ok(_h.CreateCollection("c", Int64Pk(), Vector("v", DataType.FloatVector, 2)));
        var reply = _h.Insert("c", Longs("id", 1, 2), CompactFloats("v", 2, [1, 2], null));
        Fails(reply.Status, 1100, "the field (v) is not nullable but has null values: invalid parameter");
    }

    [Fact]
    public void A_compact_payload_of_the_wrong_length_is_refused()
    {
        Ok(_h.CreateCollection("c", Int64Pk(), NullableVector("v", DataType.FloatVector, 2)));
        var data = FloatVectors("v", 2, [[1, 2], [3, 4]]);
        data.ValidData.Add([true, false]);
        var reply = _h.Insert("c", Longs("id", 1, 2), data);
        Fails(reply.Status, 1100, "the num_rows (2) of field (v) is not equal to passed num_rows (1): invalid parameter[expected=1][actual=2]");
    }

    [Fact]
    public void Nullable_vectors_survive_a_reopen()
    {
        CreateFloats();
        Ok(_h.Client.Flush(new FlushRequest { CollectionNames = { "c" } }).Status);
        _h.Reopen();
        Ok(_h.Client.LoadCollection(new LoadCollectionRequest { CollectionName = "c" }));
        var v = _h.Query("c", "id >= 1", ["v"]).FieldsData.Single(f => f.FieldName == "v");
        Assert.Equal([true, false, true], v.ValidData);
        Assert.Equal([1f, 2, 3, 4], v.Vectors.FloatVector.Data);
    }
}

public sealed class NullableVectorInProcessTests() : NullableVectorTests(EngineTransport.InProcess);

public sealed class NullableVectorKestrelTests() : NullableVectorTests(EngineTransport.Kestrel);
