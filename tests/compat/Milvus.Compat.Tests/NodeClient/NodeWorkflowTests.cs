using Milvus.Compat.Tests.Infrastructure;
using Milvus.Local.Tests.Server;
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

        AssertWorkflowPassed(result);
    }

    [Fact]
    public async Task NodeSdkRunsTheSameWorkflowOverTheServerProcessUnixSocket()
    {
        using var dir = new TempDirectory();
        var socketPath = dir.File("node.sock");
        await using var server = ServerProcess.Start("--data", dir.File("node.db"), "--unix-socket", socketPath);
        var address = await server.WaitForReadyAsync();
        Assert.Equal($"unix:{socketPath}", address);

        var result = await NodeSdk.RunNodeAsync([Path.Combine(NodeSdk.ScriptsDirectory, "workflow.js"), address], TimeSpan.FromMinutes(3));

        AssertWorkflowPassed(result, server.Describe());
    }

    [Fact]
    public async Task NodeSdkEverydayOperationsGiveExactResults()
    {
        await using var server = await InProcessServer.StartAsync();

        var result = await server.RunScriptAsync("operations.js", TimeSpan.FromMinutes(2));
        output.WriteLine(result.ToString());

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.EndsWith("operations passed\n", result.StandardOutput);
    }

    [Fact]
    public async Task NodeSdkStoresAndFiltersGeometryAndTimestamptzFields()
    {
        await using var server = await InProcessServer.StartAsync();

        var result = await server.RunScriptAsync("spatial-time.js", TimeSpan.FromMinutes(2));
        output.WriteLine(result.ToString());

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.EndsWith("spatial-time passed: 15 filters\n", result.StandardOutput);
    }

    [Fact]
    public async Task NodeSdkCreatesInsertsQueriesAndSearchesArraysOfStructs()
    {
        await using var server = await InProcessServer.StartAsync();

        var result = await server.RunScriptAsync("struct-arrays.js", TimeSpan.FromMinutes(2));
        output.WriteLine(result.ToString());

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.EndsWith("struct arrays passed\n", result.StandardOutput);
    }

    [Fact]
    public Task NodeSdkQueryIteratorPagesThroughEveryRowOnce() => RunIteratorsAsync("query");

    [Fact]
    public Task NodeSdkSearchIteratorWalksTheNearestNeighboursInOrder() => RunIteratorsAsync("search");

    private async Task RunIteratorsAsync(string which)
    {
        await using var server = await InProcessServer.StartAsync();

        var result = await server.RunScriptAsync("iterators.js", TimeSpan.FromMinutes(2), which);
        output.WriteLine(result.ToString());

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.EndsWith("iterators passed\n", result.StandardOutput);
    }

    private void AssertWorkflowPassed(ProcessResult result, string? serverOutput = null)
    {
        output.WriteLine(result.ToString());
        Assert.True(result.ExitCode == 0, $"{result}\n{serverOutput}");
        Assert.Contains("inserted 1200 rows", result.StandardOutput);
        Assert.Matches(@"workflow passed: \d+ checks", result.StandardOutput);
    }
}
