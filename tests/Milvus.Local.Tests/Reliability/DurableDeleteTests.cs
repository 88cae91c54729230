using Milvus.Local.Tests.Engine;
using Milvus.Protocol.Api;
using Milvus.Protocol.Schema;
using static Milvus.Local.Tests.Engine.LocalEngineHarness;

namespace Milvus.Local.Tests.Reliability;

/// <summary>
/// Deletes and upserts of VarChar keys survive a restart whatever the key looks like: SQLite's column affinity must not
/// turn the stored key "42" into the number 42 (or "007" into 7), which would no longer hide the row once reopened.
/// </summary>
public sealed class DurableDeleteTests : IDisposable
{
    private readonly LocalEngineHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public void Deleted_and_upserted_numeric_looking_varchar_keys_stay_replaced_after_a_restart()
    {
        Ok(_h.CreateCollection("c", new FieldSchema
        {
            Name = "pk", DataType = DataType.VarChar, IsPrimaryKey = true,
            TypeParams = { new Milvus.Protocol.Common.KeyValuePair { Key = "max_length", Value = "16" } },
        }, Vector("v", DataType.FloatVector, 2), VarChar("tag", 8)));
        _h.IndexAndLoad("c", "v", "L2");
        string[] keys = ["42", "007", "1.5", "abc"];
        Ok(_h.Insert("c", Strings("pk", keys), FloatVectors("v", 2, keys.Select(_ => new float[] { 1, 1 }).ToArray()), Strings("tag", "old", "old", "old", "old")).Status);
        Ok(_h.Client.Delete(new DeleteRequest { CollectionName = "c", Expr = "pk in ['42']" }).Status);
        Ok(_h.Client.Upsert(new UpsertRequest
        {
            CollectionName = "c", NumRows = 2,
            FieldsData = { Strings("pk", "007", "1.5"), FloatVectors("v", 2, [[2, 2], [2, 2]]), Strings("tag", "new", "new") },
        }).Status);
        var before = Rows();

        _h.Reopen();

        Assert.Equal(["007=new", "1.5=new", "abc=old"], before);
        Assert.Equal(before, Rows());
    }

    private List<string> Rows()
    {
        var reply = _h.Query("c", "pk != ''", ["pk", "tag"]);
        Ok(reply.Status);
        var pks = reply.FieldsData.Single(f => f.FieldName == "pk").Scalars.StringData.Data;
        var tags = reply.FieldsData.Single(f => f.FieldName == "tag").Scalars.StringData.Data;
        return pks.Zip(tags, (p, t) => $"{p}={t}").Order(StringComparer.Ordinal).ToList();
    }
}
