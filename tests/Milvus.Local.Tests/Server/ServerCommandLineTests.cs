using Microsoft.Extensions.Logging;
using Milvus.Local.Server;

namespace Milvus.Local.Tests.Server;

public sealed class ServerCommandLineTests
{
    [Fact]
    public void DefaultsNeedOnlyTheDataFile()
    {
        var parsed = ServerCommandLine.Parse(["--data", "./demo.db"], out var help);

        Assert.False(help);
        Assert.Equal(new ServerCommandLine { DataPath = "./demo.db" }, parsed);
        Assert.Equal("127.0.0.1", parsed!.Host);
        Assert.Equal(19530, parsed.Port);
        Assert.Null(parsed.UnixSocket);
        Assert.False(parsed.Auth);
        Assert.Equal(LogLevel.Warning, parsed.LogLevel);
    }

    [Fact]
    public void EveryOptionIsRead()
    {
        var parsed = ServerCommandLine.Parse(
            ["--data", "a.db", "--host", "0.0.0.0", "--port=0", "--auth", "--log-level", "debug"], out _);

        Assert.Equal(new ServerCommandLine
        {
            DataPath = "a.db", Host = "0.0.0.0", Port = 0, Auth = true, LogLevel = LogLevel.Debug,
        }, parsed);
    }

    [Fact]
    public void TlsOptionsMakeOneWayOrMutualTls()
    {
        var oneWay = ServerCommandLine.Parse(["--data", "a.db", "--tls-cert", "s.pem", "--tls-key=s.key"], out _);
        Assert.Equal(new ServerTls("s.pem", "s.key"), oneWay!.Tls);
        Assert.Equal(1, oneWay.Tls!.Mode);
        var mutual = ServerCommandLine.Parse(["--data", "a.db", "--tls-cert", "s.pem", "--tls-key", "s.key", "--tls-ca", "ca.pem"], out _);
        Assert.Equal(new ServerTls("s.pem", "s.key", "ca.pem"), mutual!.Tls);
        Assert.Equal(2, mutual.Tls!.Mode);
    }

    [Fact]
    public void UnixSocketReplacesTcp()
    {
        var parsed = ServerCommandLine.Parse(["--unix-socket", "/tmp/m.sock", "--data=x.db"], out _);
        Assert.Equal("/tmp/m.sock", parsed!.UnixSocket);
        Assert.Equal("x.db", parsed.DataPath);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("-?")]
    public void HelpWinsOverEverythingElse(string flag)
    {
        Assert.Null(ServerCommandLine.Parse(["--port", "1", flag, "--bogus"], out var help));
        Assert.True(help);
    }

    [Theory]
    [InlineData("--data PATH is required (the database file to serve)", "--port", "1")]
    [InlineData("--data needs a value", "--data")]
    [InlineData("--data needs a value", "--data", "--port", "1")]
    [InlineData("--data needs a value", "--data=")]
    [InlineData("--port must be a number from 0 to 65535, got 'abc'", "--data", "x.db", "--port", "abc")]
    [InlineData("--port must be a number from 0 to 65535, got '65536'", "--data", "x.db", "--port", "65536")]
    [InlineData("--port must be a number from 0 to 65535, got '-1'", "--data", "x.db", "--port=-1")]
    [InlineData("unknown option '--bogus'", "--data", "x.db", "--bogus")]
    [InlineData("unexpected argument 'extra' (options start with --)", "--data", "x.db", "extra")]
    [InlineData("option --port is given more than once", "--data", "x.db", "--port", "1", "--port", "2")]
    [InlineData("--auth takes no value", "--data", "x.db", "--auth=yes")]
    [InlineData("--unix-socket cannot be combined with --host or --port", "--data", "x.db", "--unix-socket", "/tmp/s", "--port", "1")]
    [InlineData("--log-level must be one of Trace, Debug, Information, Warning, Error, Critical, None, got 'loud'",
        "--data", "x.db", "--log-level", "loud")]
    [InlineData("--log-level must be one of Trace, Debug, Information, Warning, Error, Critical, None, got '2'",
        "--data", "x.db", "--log-level", "2")]
    [InlineData("--tls-cert and --tls-key go together", "--data", "x.db", "--tls-cert", "s.pem")]
    [InlineData("--tls-cert and --tls-key go together", "--data", "x.db", "--tls-key", "s.key")]
    [InlineData("--tls-ca needs --tls-cert and --tls-key", "--data", "x.db", "--tls-ca", "ca.pem")]
    public void BadCommandLinesSayWhatIsWrong(string message, params string[] args)
    {
        var error = Assert.Throws<CommandLineException>(() => ServerCommandLine.Parse(args, out _));
        Assert.Equal(message, error.Message);
    }
}
