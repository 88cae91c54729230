using Milvus.Compat.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Milvus.Compat.Tests.NodeClient;

/// <summary>Issue 4: the official Node SDK (pinned 2.6.17) works against Milvus.Local.Server.</summary>
public sealed class NodeWorkflowTests(ITestOutputHelper output)
{
    [Fact]
    public async Task NodeSdkRunsAWholeCollectionLifecycleWithExactResults()
    {
        await using var server = await InProcessServer.StartAsync();

        var result = await server.RunScriptAsync("workflow.js", TimeSpan.FromMinutes(3));
        output.WriteLine(result.ToString());

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("inserted 1200 rows", result.StandardOutput);
        Assert.Matches(@"workflow passed: \d+ checks", result.StandardOutput);
    }
}
