using Milvus.Compat.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Milvus.Compat.Tests.NodeClient;

/// <summary>Issue 12: Milvus 3.0 snapshots through the official Node SDK 3.0.6 against Milvus.Local.Server.</summary>
public sealed class NodeSnapshotTests(ITestOutputHelper output)
{
    [Fact]
    public async Task NodeSdk3SnapshotDeleteRestoreGivesExactlyTheSnapshotRows()
    {
        await using var server = await InProcessServer.StartAsync();

        var result = await server.RunScriptAsync(NodeSdk.Baseline, "snapshots.js", TimeSpan.FromMinutes(2));
        output.WriteLine(result.ToString());

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("restore job completed\n", result.StandardOutput);
        Assert.EndsWith("snapshots passed: 13 checks\n", result.StandardOutput);
    }
}
