using Milvus.Client.Tests.Support;
using Milvus.Compat.Tests.Infrastructure;
using Milvus.Local;
using Milvus.Local.Server;
using Milvus.Local.Tests.Server;
using Xunit.Abstractions;

namespace Milvus.Compat.Tests.NodeClient;

/// <summary>
/// Issue 15: the official Node SDK against an enforcing Milvus.Local.Server (scripts/auth.js: allowed search, Milvus's
/// PERMISSION_DENIED texts, UNAUTHENTICATED without or with wrong credentials), over plaintext, TLS and mutual TLS.
/// </summary>
public sealed class NodeAuthTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _certificates = new();
    private TestPki? _pki;

    private TestPki Pki => _pki ??= new TestPki(_certificates.Path);

    public void Dispose()
    {
        _pki?.Dispose();
        _certificates.Dispose();
    }

    [Fact]
    public Task NodeSdkIsAuthenticatedAndCheckedOverPlaintext() => RunAsync(null);

    [Fact]
    public Task NodeSdkIsAuthenticatedAndCheckedOverTls()
        => RunAsync(new ServerTls(Pki.ServerPemPath, Pki.ServerKeyPath), Pki.CaPemPath);

    [Fact]
    public Task NodeSdkIsAuthenticatedAndCheckedOverMutualTls()
        => RunAsync(new ServerTls(Pki.ServerPemPath, Pki.ServerKeyPath, Pki.CaPemPath), Pki.CaPemPath, Pki.ClientPemPath, Pki.ClientKeyPath);

    private async Task RunAsync(ServerTls? tls, params string[] clientFiles)
    {
        await using var server = await InProcessServer.StartAsync(new LocalEngineOptions { AuthorizationEnabled = true }, tls);
        Assert.StartsWith(tls is null ? "http://" : "https://", server.Address);

        var result = await server.RunScriptAsync(NodeSdk.Previous, "auth.js", TimeSpan.FromMinutes(2), clientFiles);
        output.WriteLine(result.ToString());

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.EndsWith("auth passed\n", result.StandardOutput);
    }
}
