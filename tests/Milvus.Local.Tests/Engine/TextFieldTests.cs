using Milvus.Protocol.Api;
using Milvus.Protocol.Schema;
using static Milvus.Local.Tests.Engine.LocalEngineHarness;

namespace Milvus.Local.Tests.Engine;

/// <summary>TEXT fields: strings without max_length, stored and returned as given, not filterable (as Milvus 2.6).</summary>
public sealed class TextFieldTests : IDisposable
{
    private readonly LocalEngineHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public void Text_values_round_trip_without_a_length_limit_and_cannot_be_filtered()
    {
        var body = Scalar("body", DataType.Text, nullable: true);
        Ok(_h.CreateCollection("docs", Int64Pk(), Vector("v", DataType.FloatVector, 2), body));
        var longText = new string('x', 70000);
        var text = Strings("body", "short", longText);
        text.Type = DataType.Text;
        Ok(_h.Insert("docs", Longs("id", 1, 2), FloatVectors("v", 2, [[1, 0], [0, 1]]), text).Status);
        _h.IndexAndLoad("docs", "v", "L2");
        var rows = _h.Query("docs", "id > 0", ["body"]);
        Ok(rows.Status);
        var column = rows.FieldsData.Single(f => f.FieldName == "body");
        Assert.Equal(DataType.Text, column.Type);
        Assert.Equal(["short", longText], column.Scalars.StringData.Data);
        Fails(_h.Query("docs", "body == \"short\"", []).Status, 1100,
            "failed to create query plan: cannot parse expression: body == \"short\", error: filter on text field (body) is not supported yet: invalid parameter");
    }

    [Theory]
    [InlineData(DataType.Mol)]
    [InlineData(DataType.Date)]
    [InlineData(DataType.Time)]
    [InlineData(DataType.Decimal)]
    public void Milvus_3_types_without_an_engine_implementation_are_refused_as_not_supported(DataType type)
    {
        // No released Milvus defines Date/Time/Decimal (pymilvus 3.0.1 neither; Milvus's work is on master), and Mol needs
        // a cheminformatics toolkit: README and about_Milvus_DataTypes list them with the reason.
        var status = _h.CreateCollection("new3", Int64Pk(), Vector("v", DataType.FloatVector, 2), Scalar("x", type));
        Fails(status, 3000, $"unsupported operation[field type {type}]: not supported by the Milvus local engine");
        Assert.False(_h.Client.HasCollection(new HasCollectionRequest { CollectionName = "new3" }).Value);
    }
}
