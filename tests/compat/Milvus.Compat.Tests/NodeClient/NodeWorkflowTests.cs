using Milvus.Compat.Tests.Infrastructure;
using Milvus.Local.Tests.Server;
using Xunit.Abstractions;

namespace Milvus.Compat.Tests.NodeClient;

/// <summary>Issue 4: the official Node SDK works against Milvus.Local.Server, both pinned versions (2.6.17 and 3.0.6).</summary>
public sealed class NodeWorkflowTests(ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(NodeSdk.ClientVersions), MemberType = typeof(NodeSdk))]
    public async Task NodeSdkRunsAWholeCollectionLifecycleWithExactResults(string sdk)
    {
        await using var server = await InProcessServer.StartAsync();

        var result = await server.RunScriptAsync(NodeSdk.Client(sdk), "workflow.js", TimeSpan.FromMinutes(3));

        AssertWorkflowPassed(sdk, result);
    }

    [Theory]
    [MemberData(nameof(NodeSdk.ClientVersions), MemberType = typeof(NodeSdk))]
    public async Task NodeSdkRunsTheSameWorkflowOverTheServerProcessUnixSocket(string sdk)
    {
        using var dir = new TempDirectory();
        var socketPath = dir.File("node.sock");
        await using var server = ServerProcess.Start("--data", dir.File("node.db"), "--unix-socket", socketPath);
        var address = await server.WaitForReadyAsync();
        Assert.Equal($"unix:{socketPath}", address);

        var result = await NodeSdk.RunNodeAsync(NodeSdk.Client(sdk), [Path.Combine(NodeSdk.ScriptsDirectory, "workflow.js"), address],
            TimeSpan.FromMinutes(3));

        AssertWorkflowPassed(sdk, result, server.Describe());
    }

    [Theory]
    [MemberData(nameof(NodeSdk.ClientVersions), MemberType = typeof(NodeSdk))]
    public async Task NodeSdkEverydayOperationsGiveExactResults(string sdk)
    {
        await using var server = await InProcessServer.StartAsync();

        var result = await server.RunScriptAsync(NodeSdk.Client(sdk), "operations.js", TimeSpan.FromMinutes(2));
        output.WriteLine(result.ToString());

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith(NodeSdk.Client(sdk).ScriptBanner, result.StandardOutput);
        Assert.EndsWith("operations passed\n", result.StandardOutput);
    }

    [Fact]
    public async Task NodeSdkStoresAndFiltersGeometryAndTimestamptzFields()
    {
        await using var server = await InProcessServer.StartAsync();

        var result = await server.RunScriptAsync(NodeSdk.Previous, "spatial-time.js", TimeSpan.FromMinutes(2));
        output.WriteLine(result.ToString());

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.EndsWith("spatial-time passed: 15 filters\n", result.StandardOutput);
    }

    [Fact]
    public async Task NodeSdkCreatesInsertsQueriesAndSearchesArraysOfStructs()
    {
        await using var server = await InProcessServer.StartAsync();

        var result = await server.RunScriptAsync(NodeSdk.Previous, "struct-arrays.js", TimeSpan.FromMinutes(2));
        output.WriteLine(result.ToString());

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.EndsWith("struct arrays passed\n", result.StandardOutput);
    }

    [Theory]
    [MemberData(nameof(NodeSdk.ClientVersions), MemberType = typeof(NodeSdk))]
    public Task NodeSdkQueryIteratorPagesThroughEveryRowOnce(string sdk) => RunIteratorsAsync(sdk, "query");

    [Theory]
    [MemberData(nameof(NodeSdk.ClientVersions), MemberType = typeof(NodeSdk))]
    public Task NodeSdkSearchIteratorWalksTheNearestNeighboursInOrder(string sdk) => RunIteratorsAsync(sdk, "search");

    [Theory]
    [MemberData(nameof(NodeSdk.ClientVersions), MemberType = typeof(NodeSdk))]
    public async Task NodeSdkSeesOneGrowingSegmentPerPartitionUntilAFlushSealsIt(string sdk)
    {
        await using var server = await InProcessServer.StartAsync();

        var result = await server.RunScriptAsync(NodeSdk.Client(sdk), "segments.js", TimeSpan.FromMinutes(2));
        output.WriteLine(result.ToString());

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith(NodeSdk.Client(sdk).ScriptBanner, result.StandardOutput);
        Assert.EndsWith("segments passed\n", result.StandardOutput);
    }

    private async Task RunIteratorsAsync(string sdk, string which)
    {
        await using var server = await InProcessServer.StartAsync();

        var result = await server.RunScriptAsync(NodeSdk.Client(sdk), "iterators.js", TimeSpan.FromMinutes(2), which);
        output.WriteLine(result.ToString());

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith(NodeSdk.Client(sdk).ScriptBanner, result.StandardOutput);
        Assert.EndsWith("iterators passed\n", result.StandardOutput);
    }

    private void AssertWorkflowPassed(string sdk, ProcessResult result, string? serverOutput = null)
    {
        output.WriteLine(result.ToString());
        Assert.True(result.ExitCode == 0, $"{result}\n{serverOutput}");
        Assert.StartsWith(NodeSdk.Client(sdk).ScriptBanner, result.StandardOutput);
        Assert.Contains("inserted 1200 rows", result.StandardOutput);
        Assert.Matches(@"workflow passed: \d+ checks", result.StandardOutput);
    }
}
