using Milvus.Compat.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Milvus.Compat.Tests.NodeClient;

/// <summary>Milvus 3.0 nullable vector fields through the official Node SDK 3.0.6 against Milvus.Local.Server.</summary>
public sealed class NodeNullableVectorTests(ITestOutputHelper output)
{
    [Fact]
    public async Task NodeSdk3InsertsQueriesAndSearchesNullVectorsOfEveryKind()
    {
        await using var server = await InProcessServer.StartAsync();

        var result = await server.RunScriptAsync(NodeSdk.Baseline, "nullable-vectors.js", TimeSpan.FromMinutes(2));
        output.WriteLine(result.ToString());

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("sparse nullable vectors ok\n", result.StandardOutput);
        Assert.EndsWith("nullable vectors passed: 41 checks\n", result.StandardOutput);
    }
}
