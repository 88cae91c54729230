using Milvus.Compat.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Milvus.Compat.Tests.NodeClient;

/// <summary>Issue 12: Milvus 3.0's element-level query and search (element_indices) through the official Node SDK 3.0.6 against Milvus.Local.Server.</summary>
public sealed class NodeElementLevelTests(ITestOutputHelper output)
{
    [Fact]
    public async Task NodeSdk3ElementLevelQueryAndSearchNameTheMatchingElements()
    {
        await using var server = await InProcessServer.StartAsync();

        var result = await server.RunScriptAsync(NodeSdk.Baseline, "element-level.js", TimeSpan.FromMinutes(2));
        output.WriteLine(result.ToString());

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("element-level query ok\nelement-level search ok\nelement-level iterator ok\n", result.StandardOutput);
        Assert.EndsWith("element-level passed: 8 checks\n", result.StandardOutput);
    }
}
