using System.Text.Json;
using Milvus.Local.Errors;
using Milvus.Local.Expressions;

namespace Milvus.Local.Tests.Expressions;

/// <summary>Every case of tests/data/filter-cases.json: exact matching ids, or the exact Milvus error code and text.</summary>
public sealed class FilterCaseTests
{
    public static TheoryData<int, string> Cases()
    {
        var data = new TheoryData<int, string>();
        var index = 0;
        foreach (var c in FilterTestData.Cases) data.Add(index++, c.GetProperty("expr").GetString()!);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case_matches_expected(int index, string expression)
    {
        var testCase = FilterTestData.Cases.ElementAt(index);
        var templates = FilterTestData.Templates(testCase);
        if (testCase.TryGetProperty("error", out var error))
        {
            var thrown = Assert.Throws<MilvusError>(() => FilterExpression.Parse(expression, FilterTestData.Schema, templates));
            Assert.Equal(error.GetProperty("code").GetInt32(), thrown.Code);
            Assert.Contains(error.GetProperty("contains").GetString()!, thrown.Reason);
            return;
        }
        var filter = FilterExpression.Parse(expression, FilterTestData.Schema, templates);
        var matches = filter.Evaluate(FilterTestData.Rows);
        var actual = FilterTestData.Ids.Where((_, i) => matches[i]).ToArray();
        var expected = testCase.GetProperty("ids").EnumerateArray().Select(e => e.GetInt64()).ToArray();
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Data_file_has_at_least_300_cases_over_40_rows()
    {
        Assert.True(FilterTestData.Cases.Count() >= 300);
        Assert.InRange(FilterTestData.Rows.RowCount, 40, 60);
    }
}
