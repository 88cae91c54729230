using Milvus.Local.Errors;
using Milvus.Local.Expressions;

namespace Milvus.Local.Tests.Expressions;

/// <summary>Malformed and hostile filters never crash, hang or leak an untyped exception.</summary>
public sealed class FilterFuzzTests
{
    private static readonly string[] Seeds = FilterTestData.Cases.Select(c => c.GetProperty("expr").GetString()!).ToArray();

    [Fact]
    public void Hundred_thousand_random_and_mutated_filters_evaluate_or_fail_typed()
    {
        var (parsed, rejected) = FilterFuzzer.Run(FilterTestData.Schema, FilterTestData.Rows, Seeds, 100_000, seed: 20261125);
        Assert.Equal(100_000, parsed + rejected);
        Assert.True(parsed > 1_000, $"only {parsed} inputs parsed: the generator should exercise evaluation too");
        Assert.True(rejected > 1_000, $"only {rejected} inputs rejected");
    }

    [Theory]
    [InlineData(100_000)]
    public void Deep_nesting_is_rejected_not_a_stack_overflow(int depth)
    {
        foreach (var expression in new[]
                 {
                     new string('(', depth) + "id > 1" + new string(')', depth),
                     string.Concat(Enumerable.Repeat("not ", depth)) + "(id > 1)",
                     string.Concat(Enumerable.Repeat("-", depth)) + "1 < id",
                     "id in " + new string('[', depth) + new string(']', depth),
                     "id > 1" + string.Concat(Enumerable.Repeat(" + 1", depth)),
                 })
        {
            var error = Assert.Throws<MilvusError>(() => FilterExpression.Parse(expression, FilterTestData.Schema));
            Assert.Equal(1100, error.Code);
        }
    }

    [Fact]
    public void Long_or_chains_are_flattened_and_evaluate()
    {
        var expression = string.Join(" or ", Enumerable.Range(1, 20_000).Select(i => $"id == {i}"));
        var filter = FilterExpression.Parse(expression, FilterTestData.Schema);
        Assert.All(filter.Evaluate(FilterTestData.Rows), Assert.True);
    }

    [Fact]
    public void Nesting_within_the_limit_still_works()
    {
        var expression = new string('(', 200) + "id > 47" + new string(')', 200);
        var filter = FilterExpression.Parse(string.Concat(Enumerable.Repeat("not not ", 100)) + expression, FilterTestData.Schema);
        Assert.Equal(1, filter.Evaluate(FilterTestData.Rows).Count(m => m));
    }
}
