using System.Text.RegularExpressions;
using Google.Protobuf;
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
        Assert.Equal("", server.StandardError);
    }

    [Theory]
    [InlineData("error: --data PATH is required (the database file to serve)", "--port", "0")]
    [InlineData("error: unknown option '--prot'", "--data", "x.db", "--prot", "1")]
    public async Task BadOptionsExitWithCode2AndSayWhy(string message, params string[] args)
    {
        await using var server = ServerProcess.Start(args);

        Assert.Equal(2, await server.WaitForExitAsync());
        Assert.Equal($"{message}\nRun with --help for usage.\n", server.StandardError);
        Assert.Equal("", server.StandardOutput);
    }

    [Fact]
    public async Task AuthIsRefusedRatherThanServedUnprotected()
    {
        using var dir = new TempDirectory();
        await using var server = ServerProcess.Start("--data", dir.File("auth.db"), "--port", "0", "--auth");

        Assert.Equal(1, await server.WaitForExitAsync());
        Assert.Contains("authentication and RBAC are not supported yet", server.StandardError);
        Assert.Equal("", server.StandardOutput);
        Assert.False(File.Exists(dir.File("auth.db")), "nothing should be created when the server refuses to start");
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
        Assert.Equal(1, await second.WaitForExitAsync());
        Assert.StartsWith($"error: cannot listen on 127.0.0.1:{port}: ", second.StandardError);
        Assert.Equal("", second.StandardOutput);
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
