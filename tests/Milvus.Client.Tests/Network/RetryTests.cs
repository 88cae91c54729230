using System.Net;
using System.Net.Sockets;
using System.Text;
using Grpc.Core;
using Milvus.Client.Tests.Support;
using Milvus.Local.Server;
using Status = Milvus.Protocol.Common.Status;

namespace Milvus.Client.Tests.Network;

/// <summary>pymilvus's retry policy against a real gRPC server (Kestrel on loopback) that fails on purpose.</summary>
public class RetryTests : IAsyncLifetime
{
    private readonly FlakyMilvusService _service = new();
    private LocalServerHost _host = null!;

    public async Task InitializeAsync() => _host = await LocalServerHost.StartAsync(_service, new LocalServerOptions { Port = 0 });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private AsyncMilvusClient Client(int retryTimes = 75, string token = "", string dbName = "")
        => new(_host.Address, token: token, dbName: dbName, options: new MilvusClientOptions
        {
            RetryTimes = retryTimes,
            InitialBackoff = TimeSpan.FromMilliseconds(1),
            MaxBackoff = TimeSpan.FromMilliseconds(5),
        });

    [Fact]
    public async Task Unavailable_is_retried_and_reconnects()
    {
        _service.RpcFailures["GetVersion"] = (StatusCode.Unavailable, 3);
        await using var client = Client();
        Assert.Equal("v-fake", await client.GetServerVersionAsync());
        Assert.Equal(4, _service.Calls["GetVersion"]);
        Assert.Equal(4, _service.Calls["Connect"]); // the first handshake plus one reconnect per UNAVAILABLE
    }

    [Fact]
    public async Task A_failed_reconnect_is_retried_within_the_budget()
    {
        _service.RpcFailures["GetVersion"] = (StatusCode.Unavailable, 1);
        _service.RpcFailureWhen["Connect"] = n => n is 2 or 3 ? StatusCode.Unavailable : null;
        await using var client = Client();
        Assert.Equal("v-fake", await client.GetServerVersionAsync());
        Assert.Equal(2, _service.Calls["GetVersion"]);
        Assert.Equal(4, _service.Calls["Connect"]);
    }

    [Theory]
    [InlineData(StatusCode.Internal)]
    [InlineData(StatusCode.Unknown)]
    [InlineData(StatusCode.Aborted)]
    public async Task Other_codes_are_retried_without_reconnect(StatusCode code)
    {
        _service.RpcFailures["GetVersion"] = (code, 2);
        await using var client = Client();
        Assert.Equal("v-fake", await client.GetServerVersionAsync());
        Assert.Equal(3, _service.Calls["GetVersion"]);
        Assert.Equal(1, _service.Calls["Connect"]);
    }

    [Theory]
    [InlineData(StatusCode.DeadlineExceeded, RpcStatusCode.DeadlineExceeded)]
    [InlineData(StatusCode.PermissionDenied, RpcStatusCode.PermissionDenied)]
    [InlineData(StatusCode.Unauthenticated, RpcStatusCode.Unauthenticated)]
    [InlineData(StatusCode.InvalidArgument, RpcStatusCode.InvalidArgument)]
    [InlineData(StatusCode.AlreadyExists, RpcStatusCode.AlreadyExists)]
    [InlineData(StatusCode.ResourceExhausted, RpcStatusCode.ResourceExhausted)]
    [InlineData(StatusCode.Unimplemented, RpcStatusCode.Unimplemented)]
    public async Task Non_retryable_codes_surface_at_once_with_their_status(StatusCode code, RpcStatusCode expected)
    {
        _service.RpcFailures["GetVersion"] = (code, int.MaxValue);
        await using var client = Client();
        var e = await Assert.ThrowsAsync<MilvusRpcException>(() => client.GetServerVersionAsync());
        Assert.Equal(expected, e.StatusCode);
        Assert.Equal((int)code, e.Code);
        Assert.Equal("GetVersion", e.RpcName);
        Assert.Equal("injected " + code + " #1", e.Detail);
        Assert.Equal(1, _service.Calls["GetVersion"]);
    }

    [Fact]
    public async Task Retry_count_budget_gives_pymilvus_message()
    {
        _service.RpcFailures["ListDatabases"] = (StatusCode.Unavailable, int.MaxValue);
        await using var client = Client(retryTimes: 2);
        var e = await Assert.ThrowsAsync<MilvusUnavailableException>(() => client.ListDatabasesAsync());
        Assert.Equal(14, e.Code);
        Assert.Equal("[ListDatabases] Retry run out of 2 retry times, StatusCode.UNAVAILABLE, injected Unavailable #3", e.Message);
        Assert.Equal(3, _service.Calls["ListDatabases"]);
    }

    [Fact]
    public async Task Retry_timeout_budget_gives_pymilvus_message()
    {
        _service.RpcFailures["ListDatabases"] = (StatusCode.Internal, int.MaxValue);
        await using var client = Client();
        var e = await Assert.ThrowsAsync<MilvusTimeoutException>(() => client.ListDatabasesAsync(timeout: TimeSpan.FromMilliseconds(200)));
        // The last attempt may also run out of its share of the deadline; either way the budget message is given.
        Assert.StartsWith("[ListDatabases] Retry timeout: 0.2s, StatusCode.", e.Message);
        Assert.Contains(e.Code, new[] { 13, 4 });
    }

    [Fact]
    public async Task CallTimeout_option_ends_the_retries_of_an_unreachable_server_with_MilvusUnavailableException()
    {
        _service.RpcFailures["ListDatabases"] = (StatusCode.Unavailable, int.MaxValue);
        await using var client = new AsyncMilvusClient(_host.Address, options: new MilvusClientOptions
        {
            CallTimeout = TimeSpan.FromSeconds(1),
            InitialBackoff = TimeSpan.FromMilliseconds(1),
            MaxBackoff = TimeSpan.FromMilliseconds(5),
        });
        await client.ListCollectionsAsync(); // connects first: a cold connect alone can outlast the budget
        var clock = System.Diagnostics.Stopwatch.StartNew();
        // The budget is 1 s, not less: the first attempt must get its UNAVAILABLE back within it, or the budget's own
        // deadline ends the call as DEADLINE_EXCEEDED (a 0.2 s budget did, on a loaded 2-core machine).
        var e = await Assert.ThrowsAsync<MilvusUnavailableException>(() => client.ListDatabasesAsync());
        Assert.StartsWith("[ListDatabases] Retry timeout: 1s, StatusCode.UNAVAILABLE, injected Unavailable #", e.Message);
        Assert.Equal(14, e.Code);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(990), TimeSpan.FromSeconds(6));   // ends when the next back-off (≤ 5 ms) would overrun
    }

    [Fact]
    public async Task An_ambient_timeout_overrides_CallTimeout_and_a_per_call_timeout_overrides_both()
    {
        _service.RpcFailures["ListDatabases"] = (StatusCode.Unavailable, int.MaxValue);
        await using var client = new AsyncMilvusClient(_host.Address, options: new MilvusClientOptions
        {
            CallTimeout = TimeSpan.FromSeconds(60),
            InitialBackoff = TimeSpan.FromMilliseconds(1),
            MaxBackoff = TimeSpan.FromMilliseconds(50),
        });
        await client.ListCollectionsAsync(); // connects first: a cold connect alone can outlast the budget
        // Budgets of 1.5 s and 1 s: the first attempt must get its UNAVAILABLE back within them, or the budget's own
        // deadline ends the call as DEADLINE_EXCEEDED (0.2 s and 0.1 s did, on a loaded 2-core machine).
        using (MilvusCallContext.WithTimeout(TimeSpan.FromSeconds(1.5)))
        {
            var ambient = await Assert.ThrowsAsync<MilvusUnavailableException>(() => client.ListDatabasesAsync());
            Assert.StartsWith("[ListDatabases] Retry timeout: 1.5s, StatusCode.UNAVAILABLE", ambient.Message);
            var given = await Assert.ThrowsAsync<MilvusUnavailableException>(() => client.ListDatabasesAsync(timeout: TimeSpan.FromSeconds(1)));
            Assert.StartsWith("[ListDatabases] Retry timeout: 1s, StatusCode.UNAVAILABLE", given.Message);
        }
        Assert.Null(MilvusCallContext.Timeout);
    }

    [Fact]
    public async Task Rate_limited_status_is_retried()
    {
        _service.StatusFailures["ShowCollections"] = (new Status { Code = 8, Reason = "rate limit exceeded" }, 2);
        await using var client = Client();
        Assert.Equal(new[] { "a", "b" }, await client.ListCollectionsAsync());
        Assert.Equal(3, _service.Calls["ShowCollections"]);
    }

    [Fact]
    public async Task Legacy_rate_limit_error_code_is_retried_and_can_be_turned_off()
    {
        _service.StatusFailures["ShowCollections"] = (new Status { ErrorCode = Milvus.Protocol.Common.ErrorCode.RateLimit, Reason = "slow down" }, 1);
        await using (var client = Client())
            Assert.Equal(2, (await client.ListCollectionsAsync()).Count);

        _service.Calls.Clear();
        _service.StatusFailures["ShowCollections"] = (new Status { Code = 8, Reason = "rate limit exceeded" }, 1);
        await using var noRetry = new AsyncMilvusClient(_host.Address, options: new MilvusClientOptions { RetryOnRateLimit = false });
        var e = await Assert.ThrowsAsync<MilvusException>(() => noRetry.ListCollectionsAsync());
        Assert.Equal(8, e.Code);
        Assert.Equal("rate limit exceeded", e.Message);
        Assert.Equal(1, _service.Calls["ShowCollections"]);
    }

    [Fact]
    public async Task Other_milvus_errors_are_raised_at_once()
    {
        _service.StatusFailures["ShowCollections"] = (new Status { Code = 1100, Reason = "invalid parameter", ErrorCode = Milvus.Protocol.Common.ErrorCode.IllegalArgument }, 5);
        await using var client = Client();
        var e = await Assert.ThrowsAsync<MilvusException>(() => client.ListCollectionsAsync());
        Assert.Equal(1100, e.Code);
        Assert.Equal((int)Milvus.Protocol.Common.ErrorCode.IllegalArgument, e.CompatibleCode);
        Assert.Equal("<MilvusException: (code=1100, message=invalid parameter)>", e.ToString());
        Assert.Equal(1, _service.Calls["ShowCollections"]);
    }

    [Fact]
    public async Task Sends_pymilvus_metadata_and_client_info()
    {
        await using var client = Client(token: "root:Milvus", dbName: "db1");
        using (MilvusCallContext.WithClientRequestId("req-42"))
            await client.ListCollectionsAsync();
        var headers = _service.LastHeaders["ShowCollections"];
        Assert.Equal(Convert.ToBase64String(Encoding.UTF8.GetBytes("root:Milvus")), headers.GetValue("authorization"));
        Assert.Equal("77", headers.GetValue("identifier"));
        Assert.Equal("db1", headers.GetValue("dbname"));
        Assert.Equal("req-42", headers.GetValue("client-request-id"));
        var ms = long.Parse(headers.GetValue("client-request-unixmsec")!);
        Assert.InRange(ms, DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeMilliseconds(), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

        var connect = _service.LastHeaders["Connect"];
        Assert.Equal(Convert.ToBase64String(Encoding.UTF8.GetBytes("root:Milvus")), connect.GetValue("authorization"));
        Assert.Null(connect.GetValue("identifier"));
        var info = _service.LastConnect!.ClientInfo;
        Assert.Equal("CSharp", info.SdkType);
        Assert.Equal("root", info.User);
        Assert.Equal(Dns.GetHostName(), info.Host);
        Assert.False(string.IsNullOrEmpty(info.SdkVersion));

        Assert.Null(headers.GetValue("log-level"));
        using (MilvusCallContext.WithLogLevel("debug"))
            await client.ListDatabasesAsync();
        Assert.Equal("", _service.LastHeaders["ListDatabases"].GetValue("client-request-id"));
        Assert.Equal("debug", _service.LastHeaders["ListDatabases"].GetValue("log-level"));
    }

    [Fact]
    public async Task Use_database_switches_the_dbname_header()
    {
        await using var client = Client();
        await client.ListCollectionsAsync();
        Assert.Equal("", _service.LastHeaders["ShowCollections"].GetValue("dbname"));
        await client.UseDatabaseAsync("analytics");
        await client.ListCollectionsAsync();
        Assert.Equal("analytics", _service.LastHeaders["ShowCollections"].GetValue("dbname"));
    }

    [Fact]
    public async Task Unreachable_server_gives_a_clear_connect_error()
    {
        var port = FreePort();
        await using var client = new AsyncMilvusClient($"http://127.0.0.1:{port}", timeout: TimeSpan.FromSeconds(5));
        var e = await Assert.ThrowsAsync<ConnectError>(() => client.ListCollectionsAsync());
        Assert.Equal(2, e.Code);
        Assert.Equal($"Fail connecting to server on 127.0.0.1:{port}, illegal connection params or server unavailable", e.Message);
    }

    [Fact]
    public async Task Http_port_gives_a_clear_error()
    {
        await using var http = new Http1Server();
        await using var client = new AsyncMilvusClient($"http://127.0.0.1:{http.Port}", timeout: TimeSpan.FromSeconds(5));
        var e = await Assert.ThrowsAsync<ConnectError>(() => client.ListCollectionsAsync());
        Assert.Equal($"Fail connecting to server on 127.0.0.1:{http.Port}: the port answered HTTP, not gRPC; use Milvus's gRPC port (default 19530), not an HTTP port",
            e.Message);
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
