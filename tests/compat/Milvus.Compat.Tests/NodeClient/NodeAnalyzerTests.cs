using Milvus.Compat.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Milvus.Compat.Tests.NodeClient;

/// <summary>Issue 14: analyzers (runAnalyzer) and text/phrase match through the official Node SDK 3.0.6 against Milvus.Local.Server.</summary>
public sealed class NodeAnalyzerTests(ITestOutputHelper output)
{
    [Fact]
    public async Task NodeSdk3RunAnalyzerAndTextMatchGiveMilvusTokensAndIds()
    {
        await using var server = await InProcessServer.StartAsync();

        var result = await server.RunScriptAsync(NodeSdk.Baseline, "analyzers.js", TimeSpan.FromMinutes(2));
        output.WriteLine(result.ToString());

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("runAnalyzer by params\n", result.StandardOutput);
        Assert.EndsWith("analyzers passed: 11 checks\n", result.StandardOutput);
    }
}
