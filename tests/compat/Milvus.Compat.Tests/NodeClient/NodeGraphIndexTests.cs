using Milvus.Compat.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Milvus.Compat.Tests.NodeClient;

/// <summary>
/// HNSW on a binary vector field and HNSW with MAX_SIM_IP on an embedding list, built on a sealed segment and searched
/// through the official Node SDK 3.0.6 against Milvus.Local.Server: exact brute-force ids and scores at a full-width search.
/// </summary>
public sealed class NodeGraphIndexTests(ITestOutputHelper output)
{
    [Fact]
    public async Task NodeSdk3BuildsAndSearchesBinaryAndEmbeddingListHnsw()
    {
        await using var server = await InProcessServer.StartAsync();

        var result = await server.RunScriptAsync(NodeSdk.Baseline, "graph-indexes.js", TimeSpan.FromMinutes(3));
        output.WriteLine(result.ToString());

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("binary HNSW ok\nembedding-list HNSW ok\n", result.StandardOutput);
        Assert.EndsWith("graph indexes passed: 11 checks\n", result.StandardOutput);
    }
}
