using Milvus.Local.Columns;
using Milvus.Local.Errors;
using Milvus.Local.Expressions;
using Milvus.Protocol.Schema;

namespace Milvus.Local.Tests.Expressions;

/// <summary>The engine-facing surface of <see cref="FilterExpression"/> beyond plain evaluation.</summary>
public sealed class FilterExpressionApiTests
{
    private static CollectionSchema Schema => FilterTestData.Schema;

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("1 == 1")]
    [InlineData("true or false")]
    public void Empty_or_constant_true_filters_are_always_true(string expression)
    {
        var filter = FilterExpression.Parse(expression, Schema);
        Assert.True(filter.IsAlwaysTrue);
        Assert.All(filter.Evaluate(FilterTestData.Rows), Assert.True);
    }

    [Fact]
    public void Random_sample_keeps_the_given_fraction_of_matching_rows()
    {
        var filter = FilterExpression.Parse("id > 24 and random_sample(0.25)", Schema);
        Assert.True(filter.UsesRandomSample);
        Assert.Equal(0.25, filter.SampleFactor!.Value, 6);
        var matches = filter.Evaluate(FilterTestData.Rows);
        var ids = FilterTestData.Ids.Where((_, i) => matches[i]).ToArray();
        Assert.Equal(6, ids.Length);
        Assert.All(ids, id => Assert.True(id > 24));
        Assert.Equal(12, FilterExpression.Parse("random_sample(0.25)", Schema).Evaluate(FilterTestData.Rows).Count(m => m));
    }

    [Theory]
    [InlineData("id in [3, 1, 2]", new long[] { 3, 1, 2 })]
    [InlineData("id == 7", new long[] { 7 })]
    [InlineData("id in {ids}", new long[] { 4, 5 })]
    public void Primary_key_lists_are_exposed_for_direct_lookup(string expression, long[] keys)
    {
        var templates = new Dictionary<string, TemplateValue>
        {
            ["ids"] = new() { ArrayVal = new TemplateArrayValue { LongData = new LongArray { Data = { 4, 5 } } } },
        };
        var filter = FilterExpression.Parse(expression, Schema, templates);
        Assert.Equal(keys.Cast<object>(), filter.TryGetPrimaryKeys("id")!);
    }

    [Theory]
    [InlineData("id in [1] and i8 > 0")]
    [InlineData("i16 in [1]")]
    [InlineData("id > 3")]
    [InlineData("id not in [1]")]
    public void Other_filters_are_not_primary_key_lookups(string expression) =>
        Assert.Null(FilterExpression.Parse(expression, Schema).TryGetPrimaryKeys("id"));

    [Fact]
    public void Errors_are_input_errors_with_code_1100_and_legacy_illegal_argument()
    {
        var error = Assert.Throws<MilvusError>(() => FilterExpression.Parse("nope > 1", WithoutDynamicField()));
        Assert.Equal(1100, error.Code);
        Assert.True(error.IsInputError);
        Assert.Equal("failed to create query plan: cannot parse expression: nope > 1, error: field nope not exist: invalid parameter", error.Reason);
        Assert.Equal(Milvus.Protocol.Common.ErrorCode.IllegalArgument, error.LegacyCode);
    }

    [Fact]
    public void Text_fields_cannot_be_filtered()
    {
        var schema = WithoutDynamicField();
        schema.Fields.Add(new FieldSchema { FieldID = 999, Name = "doc", DataType = DataType.Text });
        var error = Assert.Throws<MilvusError>(() => FilterExpression.Parse("doc == 'a'", schema));
        Assert.Contains("filter on text field (doc) is not supported yet", error.Reason);
    }

    [Fact]
    public void A_field_missing_from_the_row_set_reads_as_all_null()
    {
        var rows = new TestRowSet(3, new Dictionary<string, Column> { ["id"] = new Int64Column(DataType.Int64, [1, 2, 3]) });
        Assert.Equal([false, false, false], FilterExpression.Parse("i64 != 5", Schema).Evaluate(rows));
        Assert.Equal([false, false, false], FilterExpression.Parse("not (i64 == 5)", Schema).Evaluate(rows));
        Assert.Equal([true, true, true], FilterExpression.Parse("i64 is null", Schema).Evaluate(rows));
        Assert.Equal([false, true, true], FilterExpression.Parse("id > 1 or i64 == 5", Schema).Evaluate(rows));
        Assert.Equal([false, false, false], FilterExpression.Parse("color == 'red'", Schema).Evaluate(rows));
    }

    [Theory]
    [InlineData("note == \"Ünïcode\"", new[] { true, false, false, false })]
    [InlineData("note > \"Z\"", new[] { true, true, true, false })]
    [InlineData("note < \"\u00dc\"", new[] { false, true, true, false })]
    [InlineData("note in [\"a\\\"b\", \"x\"]", new[] { false, false, true, false })]
    [InlineData("note != \"x\"", new[] { true, true, true, true })]
    public void Raw_and_escaped_utf8_json_strings_compare_bytewise(string expression, bool[] expected)
    {
        var json = new[] { "{\"note\":\"Ünïcode\"}", "{\"note\":\"a\\u00e9\"}", "{\"note\":\"a\\\"b\"}", "{}" };
        var rows = new TestRowSet(4, new Dictionary<string, Column>
        {
            ["$meta"] = new JsonColumn(json.Select(System.Text.Encoding.UTF8.GetBytes).ToArray()),
        });
        Assert.Equal(expected, FilterExpression.Parse(expression, Schema).Evaluate(rows));
    }

    [Fact]
    public void A_parsed_filter_is_reusable_across_row_sets()
    {
        var filter = FilterExpression.Parse("id % 2 == 0 and j[\"a\"] > 0", Schema);
        var first = filter.Evaluate(FilterTestData.Rows);
        var second = filter.Evaluate(FilterTestData.Rows);
        Assert.Equal(first, second);
        Assert.Contains(true, first);
    }

    [Fact]
    public void One_parsed_filter_evaluates_concurrently_on_many_segments()
    {
        var filter = FilterExpression.Parse("(id % 3 == 0 or color == \"red\") and note != \"x\" and s like \"%a%\"", Schema);
        var expected = filter.Evaluate(FilterTestData.Rows);
        var results = new bool[64][];
        Parallel.For(0, results.Length, i => results[i] = filter.Evaluate(FilterTestData.Rows));
        Assert.All(results, r => Assert.Equal(expected, r));
    }

    private static CollectionSchema WithoutDynamicField()
    {
        var schema = Schema.Clone();
        var dynamic = schema.Fields.Single(f => f.IsDynamic);
        schema.Fields.Remove(dynamic);
        schema.EnableDynamicField = false;
        return schema;
    }
}
