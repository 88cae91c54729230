using System.Text.RegularExpressions;
using Milvus.Compat.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Milvus.Compat.Tests.NodeClient;

/// <summary>The filter-expression corpus (tests/data/filter-cases.json) run through the Node SDK against the server.</summary>
public sealed class FilterCaseTests(ITestOutputHelper output)
{
    private static string CorpusPath => Path.GetFullPath(Path.Combine(NodeSdk.CompatDirectory, "..", "data", "filter-cases.json"));

    [Theory]
    [MemberData(nameof(NodeSdk.ClientVersions), MemberType = typeof(NodeSdk))]
    public async Task EveryFilterCaseGivesTheExpectedIdsOrError(string sdk)
    {
        Assert.True(File.Exists(CorpusPath), $"{CorpusPath} is missing: the filter corpus is part of the repository");
        await using var server = await InProcessServer.StartAsync();

        var result = await server.RunScriptAsync(NodeSdk.Client(sdk), "filter-cases.js", TimeSpan.FromMinutes(5), CorpusPath);
        output.WriteLine(result.ToString());

        var summary = Regex.Match(result.StandardOutput, @"filter cases: (\d+) passed, (\d+) failed, (\d+) total");
        Assert.True(summary.Success && result.ExitCode == 0, result.ToString());
        Assert.Equal("0", summary.Groups[2].Value);
        Assert.True(int.Parse(summary.Groups[3].Value) >= 300, $"the corpus should hold at least 300 cases: {summary.Value}");
    }
}
