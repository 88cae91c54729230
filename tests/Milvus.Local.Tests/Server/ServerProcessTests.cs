using System.Text.RegularExpressions;
using Google.Protobuf;
using Grpc.Core;
using Milvus.Protocol.Api;
using Milvus.Protocol.Schema;

namespace Milvus.Local.Tests.Server;

/// <summary>Milvus.Local.Server as a child process: exit codes, the ready line, signals, and data surviving a restart.</summary>
public sealed class ServerProcessTests
{
    private const int SigInt = 2;
    private const int SigTerm = 15;

    [Fact]
    public async Task HelpPrintsUsageAndSucceeds()
    {
        await using var server = ServerProcess.Start("--help");

        Assert.Equal(0, await server.WaitForExitAsync());
        Assert.StartsWith("Usage: Milvus.Local.Server --data PATH [options]", server.StandardOutput);
        Assert.Contains("--unix-socket PATH", server.StandardOutput);
        Assert.Contains("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=0 in the environment hands it to the thread pool", server.StandardOutput);
        Assert.Equal("", server.StandardError);
    }

    [Theory]
    [InlineData("error: --data PATH is required (the database file to serve)", "--port", "0")]
    [InlineData("error: unknown option '--prot'", "--data", "x.db", "--prot", "1")]
    public async Task BadOptionsExitWithCode2AndSayWhy(string message, params string[] args)
    {
        await using var server = ServerProcess.Start(args);

        await AssertRefusesToStartAsync(server, 2, $"{message}\nRun with --help for usage.\n");
        Assert.Equal($"{message}\nRun with --help for usage.\n", server.StandardError);
    }

    [Fact]
    public async Task AuthIsEnforcedAndStaysOnInTheFileWithoutTheFlag()
    {
        using var dir = new TempDirectory();
        var data = dir.File("auth.db");
        foreach (var arguments in new[] { new[] { "--auth" }, Array.Empty<string>() })
        {
            await using var server = await ServerProcess.StartListeningAsync(data, arguments);
            using var channel = ServerChannel.For(await server.WaitForReadyAsync());
            var client = new MilvusService.MilvusServiceClient(channel);
            var refused = await Assert.ThrowsAsync<RpcException>(async () => await client.ShowCollectionsAsync(new ShowCollectionsRequest()));
            Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
            Assert.Equal("missing authorization in header", refused.Status.Detail);
            var root = new Metadata { { "authorization", Convert.ToBase64String("root:Milvus"u8.ToArray()) } };
            Assert.Equal(0, (await client.ShowCollectionsAsync(new ShowCollectionsRequest(), root)).Status.Code);
        }
    }

    [Fact]
    public async Task StopsOnSigIntEvenWhenStartedAsABackgroundJobWithSigIntIgnored()
    {
        // A non-interactive shell starts `server &` with SIGINT ignored; .NET would then never see it (the server
        // kept running after kill -INT). Milvus, a Go program, takes SIGINT back; so does this server.
        using var dir = new TempDirectory();
        await using var server = await ServerProcess.StartListeningAsync(dir.File("bg.db"), sigIntIgnored: true);
        await server.WaitForReadyAsync();
        server.Signal(SigInt);
        Assert.Equal(0, await server.WaitForExitAsync(TimeSpan.FromSeconds(30)));
    }

    [Theory]
    [InlineData(SigTerm)]
    [InlineData(SigInt)]
    public async Task PrintsOneReadyLineAndStopsCleanlyOnSignalKeepingTheData(int signal)
    {
        using var dir = new TempDirectory();
        var data = dir.File("demo.db");

        await using (var server = await ServerProcess.StartListeningAsync(data))
        {
            var address = await server.WaitForReadyAsync();
            Assert.Matches(new Regex(@"^http://127\.0\.0\.1:[1-9][0-9]*$"), address);
            Assert.Equal($"listening on {address}\n", server.StandardOutput);

            using var channel = ServerChannel.For(address);
            var status = await new MilvusService.MilvusServiceClient(channel).CreateCollectionAsync(CreateBooks());
            Assert.Equal(0, status.Code);

            server.Signal(signal);
            Assert.Equal(0, await server.WaitForExitAsync());
            Assert.Equal($"listening on {address}\n", server.StandardOutput);
        }

        await using var restarted = await ServerProcess.StartListeningAsync(data);
        using var again = ServerChannel.For(await restarted.WaitForReadyAsync());
        var has = await new MilvusService.MilvusServiceClient(again).HasCollectionAsync(new HasCollectionRequest { CollectionName = "books" });
        Assert.Equal(0, has.Status.Code);
        Assert.True(has.Value);
    }

    [Fact]
    public async Task LogsGoToStderrSoStdoutKeepsOnlyTheReadyLine()
    {
        using var dir = new TempDirectory();
        await using var server = await ServerProcess.StartListeningAsync(dir.File("log.db"), "--log-level", "Information");
        var address = await server.WaitForReadyAsync();

        server.Signal(SigTerm);
        Assert.Equal(0, await server.WaitForExitAsync());
        Assert.Equal($"listening on {address}\n", server.StandardOutput);
        Assert.Contains($"Now listening on: {address}", server.StandardError);
    }

    [Fact]
    public async Task ServesOnAUnixSocket()
    {
        using var dir = new TempDirectory();
        var socketPath = dir.File("m.sock");
        await using var server = ServerProcess.Start("--data", dir.File("u.db"), "--unix-socket", socketPath);

        Assert.Equal($"unix:{socketPath}", await server.WaitForReadyAsync());
        using var channel = ServerChannel.For($"unix:{socketPath}");
        var status = await new MilvusService.MilvusServiceClient(channel).CreateCollectionAsync(CreateBooks());
        Assert.Equal(0, status.Code);

        server.Signal(SigTerm);
        Assert.Equal(0, await server.WaitForExitAsync());
        Assert.False(File.Exists(socketPath), "the socket file should be removed on a clean stop");
    }

    [Fact]
    public async Task ABusyPortFailsWithExitCode1()
    {
        using var dir = new TempDirectory();
        await using var first = await ServerProcess.StartListeningAsync(dir.File("a.db"));
        var port = new Uri(await first.WaitForReadyAsync()).Port.ToString();

        await using var second = ServerProcess.Start("--data", dir.File("b.db"), "--port", port);
        await AssertRefusesToStartAsync(second, 1, $"error: cannot listen on 127.0.0.1:{port}: ");
    }

    [Fact]
    public async Task ASecondServerOnTheSameFileIsRefused()
    {
        using var dir = new TempDirectory();
        var data = dir.File("shared.db");
        await using var first = await ServerProcess.StartListeningAsync(data);

        await using var second = ServerProcess.Start("--data", data, "--port", "0");
        await AssertRefusesToStartAsync(second, 1, $"error: cannot open {data}: ");
    }

    /// <summary>The server exited with <paramref name="exitCode"/>, said why on stderr, and never claimed to be ready.</summary>
    private static async Task AssertRefusesToStartAsync(ServerProcess server, int exitCode, string stderrStart)
    {
        Assert.Equal(exitCode, await server.WaitForExitAsync());
        Assert.StartsWith(stderrStart, server.StandardError);
        Assert.Equal("", server.StandardOutput);
    }

    private static CreateCollectionRequest CreateBooks() => new()
    {
        CollectionName = "books",
        Schema = new CollectionSchema
        {
            Name = "books",
            Fields =
            {
                new FieldSchema { Name = "id", DataType = DataType.Int64, IsPrimaryKey = true },
                new FieldSchema
                {
                    Name = "v", DataType = DataType.FloatVector,
                    TypeParams = { new Milvus.Protocol.Common.KeyValuePair { Key = "dim", Value = "4" } },
                },
            },
        }.ToByteString(),
    };
}
