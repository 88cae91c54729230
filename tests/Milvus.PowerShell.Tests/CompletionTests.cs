using System.Management.Automation;
using Milvus.PowerShell.Completion;

namespace Milvus.PowerShell.Tests;

public sealed class CompletionTests
{
    [Theory]
    [InlineData("docs", "docs")]
    [InlineData("my_coll-2.v1", "my_coll-2.v1")]
    [InlineData("has space", "'has space'")]
    [InlineData("it's", "'it''s'")]
    public void NamesAreQuotedOnlyWhenNeeded(string name, string completion) =>
        Assert.Equal(completion, MilvusNameCompleter.Quote(name));

    [Fact]
    public void FilterMatchesPrefixCaseInsensitivelyAndSorts()
    {
        CompletionResult[] results = MilvusNameCompleter.Filter(["movies", "Music", "docs", "mv"], "m").ToArray();
        Assert.Equal(["movies", "Music", "mv"], results.Select(r => r.CompletionText));
    }

    [Fact]
    public void FilterIgnoresQuotesTypedSoFar()
    {
        CompletionResult result = Assert.Single(MilvusNameCompleter.Filter(["has space", "docs"], "'has"));
        Assert.Equal("'has space'", result.CompletionText);
    }

    [Fact]
    public void FixedValueCompletersOfferKnownValues()
    {
        var completer = new MetricTypeCompleter();
        string[] values = completer.CompleteArgument("New-MilvusIndex", "MetricType", "co", null!, new System.Collections.Hashtable())
            .Select(r => r.CompletionText).ToArray();
        Assert.Equal(["COSINE"], values);
    }
}
