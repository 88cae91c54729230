using Milvus.Local.Rpc;
using Milvus.Local.Tests.Server;
using Xunit.Abstractions;

namespace Milvus.Local.Tests.Reliability;

/// <summary>
/// Requests that must not hurt the server process: a gzip bomb, bytes that are no protobuf. The server runs as a child
/// process, so its memory is measured on its own (peak resident set, VmHWM).
/// </summary>
public sealed class HostileRequestTests(ITestOutputHelper output)
{
    private const int ResourceExhausted = 8;
    private const int Internal = 13;

    [Fact]
    public async Task A_2_MB_gzip_bomb_is_refused_without_inflating_it_and_the_server_stays_small_and_serving()
    {
        if (!OperatingSystem.IsLinux()) return; // reads /proc for the peak memory
        using var dir = new TempDirectory();
        await using var server = await ServerProcess.StartListeningAsync(dir.File("bomb.db"));
        var address = await server.WaitForReadyAsync();
        var bomb = RawGrpc.GzipBomb(2048); // 2 GiB of zeros
        output.WriteLine($"gzip bomb: {bomb.Length} bytes, inflating to 2 GiB");
        Assert.InRange(bomb.Length, 1_000_000, 3_000_000);

        for (var i = 0; i < 3; i++)
        {
            var (status, message) = await RawGrpc.CallAsync(address, "Insert", bomb, gzip: true);
            Assert.Equal(ResourceExhausted, status);
            Assert.Matches($@"^grpc: received message decompresses more than {MessageLimits.MaxDecompressionRatio} times its compressed size \(after \d+ compressed bytes\)$", message);
        }
        var peak = PeakResidentBytes(server.Id);
        output.WriteLine($"server peak resident set after 3 bombs: {peak / 1024 / 1024} MiB");
        Assert.InRange(peak, 1, 400L * 1024 * 1024);

        // Still serving.
        var (ok, _) = await RawGrpc.CallAsync(address, "GetVersion", []);
        Assert.Equal(0, ok);
    }

    [Fact]
    public async Task A_malformed_request_gets_the_unmarshalling_error_a_Milvus_server_gives()
    {
        using var dir = new TempDirectory();
        await using var server = await ServerProcess.StartListeningAsync(dir.File("garbage.db"));
        var address = await server.WaitForReadyAsync();

        var (status, message) = await RawGrpc.CallAsync(address, "ShowCollections", [0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x01]);

        Assert.Equal(Internal, status);
        Assert.StartsWith("grpc: error unmarshalling request: ", message);
        Assert.DoesNotContain("Exception was thrown by handler", message);
        var (ok, _) = await RawGrpc.CallAsync(address, "GetVersion", []);
        Assert.Equal(0, ok);
    }

    private static long PeakResidentBytes(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0]) * 1024;
    }
}
