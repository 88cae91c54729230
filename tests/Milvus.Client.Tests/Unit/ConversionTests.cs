using System.Text.Json;
using Google.Protobuf;
using Milvus.Client.Internal.Conversion;
using Proto = Milvus.Protocol.Schema;

namespace Milvus.Client.Tests.Unit;

public class ConversionTests
{
    [Fact]
    public void Nullable_vectors_are_read_through_valid_data_from_a_compacted_payload()
    {
        var data = new Proto.FieldData
        {
            FieldName = "v",
            Type = Proto.DataType.FloatVector,
            Vectors = new Proto.VectorField { Dim = 2, FloatVector = new Proto.FloatArray { Data = { 1, 2, 3, 4 } } },
            ValidData = { true, false, true },
        };
        var values = FieldDataReader.Read(data, 3);
        Assert.Equal(new float[] { 1, 2 }, (float[])values[0]!);
        Assert.Null(values[1]);
        Assert.Equal(new float[] { 3, 4 }, (float[])values[2]!);
    }

    [Fact]
    public void Nullable_scalars_are_read_from_a_full_length_payload()
    {
        var data = new Proto.FieldData
        {
            FieldName = "n",
            Type = Proto.DataType.Int16,
            Scalars = new Proto.ScalarField { IntData = new Proto.IntArray { Data = { 5, 0, 7 } } },
            ValidData = { true, false, true },
        };
        Assert.Equal(new object?[] { (short)5, null, (short)7 }, FieldDataReader.Read(data, 3));
    }

    [Fact]
    public void Rows_merge_dynamic_fields_and_keep_fixed_ones_first()
    {
        var fields = new List<Proto.FieldData>
        {
            new() { FieldName = "id", Type = Proto.DataType.Int64, Scalars = new Proto.ScalarField { LongData = new Proto.LongArray { Data = { 1 } } } },
            new()
            {
                FieldName = "$meta", Type = Proto.DataType.Json, IsDynamic = true,
                Scalars = new Proto.ScalarField { JsonData = new Proto.JSONArray { Data = { ByteString.CopyFromUtf8("{\"id\":99,\"color\":\"red\",\"size\":3}") } } },
            },
        };
        var all = ResultConverter.Rows(fields, new[] { "*" })[0];
        Assert.Equal(1L, all["id"]);
        Assert.Equal("red", ((JsonElement)all["color"]!).GetString());
        Assert.Equal(3, ((JsonElement)all["size"]!).GetInt32());
        var some = ResultConverter.Rows(fields, new[] { "id", "color" })[0];
        Assert.Equal(new[] { "id", "color" }, some.Keys);
    }

    [Theory]
    [InlineData(1, "gb", 1024)]
    [InlineData(2048, "kb", 2)]
    [InlineData(5, "MB", 5)]
    [InlineData(1, "tb", 1048576)]
    [InlineData(3145728, "b", 3)]
    public void Compaction_target_size_is_sent_in_mb(long size, string unit, long mb)
        => Assert.Equal(mb, AsyncMilvusClient.TargetSizeInMb(size, unit));

    [Fact]
    public void Template_values_follow_pymilvus_typing()
    {
        Assert.True(TemplateValues.ToTemplateValue("b", true).BoolVal);
        Assert.Equal(5, TemplateValues.ToTemplateValue("i", 5).Int64Val);
        Assert.Equal(2.5, TemplateValues.ToTemplateValue("f", 2.5).FloatVal);
        Assert.Equal("x", TemplateValues.ToTemplateValue("s", "x").StringVal);
        Assert.Equal(new long[] { 1, 2 }, TemplateValues.ToTemplateValue("l", new[] { 1, 2 }).ArrayVal.LongData.Data);
        Assert.Equal(new[] { 1.5, 2 }, TemplateValues.ToTemplateValue("d", new object[] { 1.5, 2 }).ArrayVal.DoubleData.Data);
        var mixed = TemplateValues.ToTemplateValue("m", new object[] { 1, "a" }).ArrayVal.JsonData.Data;
        Assert.Equal(new[] { "1", "\"a\"" }, mixed.Select(b => b.ToStringUtf8()));
        Assert.Equal(new long[] { 3 }, TemplateValues.ToTemplateValue("n", new[] { new[] { 3 } }).ArrayVal.ArrayData.Data[0].LongData.Data);
    }

    [Fact]
    public void Ids_filters_quote_strings_with_single_quotes()
    {
        Assert.Equal("id in [1,2,3]", SearchParamsBuilder.IdsFilter("id", false, new object[] { 1, 2L, (short)3 }));
        Assert.Equal("pk in ['a','b']", SearchParamsBuilder.IdsFilter("pk", true, new object[] { "a", "b" }));
        Assert.Throws<ParamError>(() => SearchParamsBuilder.IdsFilter("id", false, new object[] { "a" }));
    }

    [Fact]
    public void Sparse_rows_reject_bad_indexes_and_nan()
    {
        Assert.Throws<ParamError>(() => ValueCoercion.TrySparse(new Dictionary<long, float> { [-1] = 1 }, out _));
        Assert.Throws<ParamError>(() => ValueCoercion.TrySparse(new Dictionary<long, float> { [uint.MaxValue] = 1 }, out _));
        Assert.Throws<ParamError>(() => ValueCoercion.TrySparse(new Dictionary<int, float> { [1] = float.NaN }, out _));
        Assert.True(ValueCoercion.TrySparse(new List<(int, float)> { (4, 1f), (2, 0.5f) }, out var pairs));
        Assert.Equal(new uint[] { 2, 4 }, pairs.Keys);
        Assert.True(ValueCoercion.TrySparse(new System.Collections.Hashtable { ["3"] = 0.25 }, out var fromText));
        Assert.Equal(0.25f, fromText[3]);
    }

    [Fact]
    public void Properties_are_str_encoded_like_python()
    {
        Assert.Equal("True", ValueCoercion.PythonStr(true));
        Assert.Equal("60", ValueCoercion.PythonStr(60));
        Assert.Equal("0.5", ValueCoercion.PythonStr(0.5));
        Assert.Equal("{\"a\":1}", ValueCoercion.PythonStr(new Dictionary<string, object?> { ["a"] = 1 }));
        Assert.Equal("true", ValueCoercion.JsonStr(true));
    }
}
