using Milvus.Compat.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Milvus.Compat.Tests.NodeClient;

/// <summary>Issue 14: BM25 full-text and hybrid search, and the lexical highlighter, through the official Node SDK 3.0.6 against Milvus.Local.Server.</summary>
public sealed class NodeBm25Tests(ITestOutputHelper output)
{
    [Fact]
    public async Task NodeSdk3FullTextWorkflowGivesMilvusScoresAndFusedOrder()
    {
        await using var server = await InProcessServer.StartAsync();

        var result = await server.RunScriptAsync(NodeSdk.Baseline, "bm25.js", TimeSpan.FromMinutes(2));
        output.WriteLine(result.ToString());

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("text search done\nhybrid search done\n", result.StandardOutput);
        Assert.EndsWith("bm25 passed: 10 checks\n", result.StandardOutput);
    }

    [Fact]
    public async Task NodeSdk3HighlighterGivesTheGuideFragments()
    {
        await using var server = await InProcessServer.StartAsync();

        var result = await server.RunScriptAsync(NodeSdk.Baseline, "highlight.js", TimeSpan.FromMinutes(2));
        output.WriteLine(result.ToString());

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.EndsWith("highlight passed: 8 checks\n", result.StandardOutput);
    }
}
