using System.Text.Json;
using Milvus.Compat.Tests.Infrastructure;
using Milvus.Local;
using Xunit.Abstractions;

namespace Milvus.Compat.Tests.NodeClient;

/// <summary>
/// Issue 15's done-when matrix through the official Node SDK (3.0.6) against an enforcing Milvus.Local.Server: all
/// 75 RPCs of Milvus.Local.Tests' AccessMatrixTests as each of the six identities, one fresh server per identity, with
/// the C# matrix's own expectations (tests/compat/expectations/access-matrix.json) and exact error texts.
/// </summary>
public sealed class NodeAccessMatrixTests(ITestOutputHelper output)
{
    public static TheoryData<string> Identities() => new() { "root", "reader", "scoped", "nobody", "anonymous", "wrong-password" };

    [Theory]
    [MemberData(nameof(Identities))]
    public async Task Every_rpc_allows_or_denies_as_Milvus_through_the_Node_SDK(string identity)
    {
        await using var server = await InProcessServer.StartAsync(new LocalEngineOptions { AuthorizationEnabled = true }, null);
        var expectations = Path.Combine(NodeSdk.CompatDirectory, "expectations", "access-matrix.json");

        var result = await server.RunScriptAsync(NodeSdk.Baseline, "access-matrix.js", TimeSpan.FromMinutes(3), expectations, identity);
        output.WriteLine(result.ToString());

        Assert.True(result.ExitCode == 0, result.ToString());
        var (allowed, refused) = ExpectedCounts(expectations, identity);
        Assert.EndsWith($"access matrix as {identity}: {allowed} allowed, {refused} refused\n", result.StandardOutput);
    }

    /// <summary>How many of the 75 calls the identity may make: all for root, none without valid credentials.</summary>
    private static (int Allowed, int Refused) ExpectedCounts(string expectationsPath, string identity)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(expectationsPath));
        var cases = doc.RootElement.GetProperty("cases").EnumerateArray().ToList();
        var who = doc.RootElement.GetProperty("identities").EnumerateArray().Single(i => i.GetProperty("name").GetString() == identity);
        var letter = who.GetProperty("letter").GetString()!;
        var allowed = identity == "root" ? cases.Count
            : who.GetProperty("user").ValueKind == JsonValueKind.Null || identity == "wrong-password" ? 0
            : cases.Count(c => c.GetProperty("privilege").ValueKind == JsonValueKind.Null
                || c.GetProperty("allowedFor").GetString()!.Contains(letter, StringComparison.Ordinal));
        return (allowed, cases.Count - allowed);
    }
}
