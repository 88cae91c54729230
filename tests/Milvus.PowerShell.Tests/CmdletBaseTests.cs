using System.Management.Automation;

namespace Milvus.PowerShell.Tests;

public sealed class CmdletBaseTests
{
    [Fact]
    public void StopCancelsTheInFlightCallFromAnotherThread()
    {
        using var shell = PowerShellSession.Create();
        TestMilvusWaitCommand.Started.Reset();
        TestMilvusWaitCommand.TokenWasCancelled = false;
        shell.AddCommand("Test-MilvusWait");
        IAsyncResult running = shell.BeginInvoke();
        Assert.True(TestMilvusWaitCommand.Started.Wait(TimeSpan.FromSeconds(30)), "the call never started");

        shell.Stop();   // what Ctrl+C does

        Assert.Throws<PipelineStoppedException>(() => shell.EndInvoke(running));
        Assert.Equal(PSInvocationState.Stopped, shell.InvocationStateInfo.State);
        Assert.True(TestMilvusWaitCommand.TokenWasCancelled);
    }

    [Fact]
    public void TimeoutSecEndsTheCallWithANonTerminatingMilvusTimeout()
    {
        using var shell = PowerShellSession.Create();
        shell.AddCommand("Test-MilvusWait").AddParameter("TimeoutSec", 1).AddParameter("Verbose");
        var output = shell.Invoke();

        Assert.Equal("finished", Assert.Single(output).BaseObject);   // non-terminating: the cmdlet went on
        ErrorRecord error = Assert.Single(shell.Streams.Error);
        Assert.Equal("MilvusTimeout,Milvus.PowerShell.Tests.TestMilvusWaitCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.OperationTimeout, error.CategoryInfo.Category);
        Assert.Equal("wait-target", error.TargetObject);
        Assert.Contains(shell.Streams.Verbose, v => v.Message == "started on a pool thread");
        Assert.Contains(shell.Streams.Progress, p => p.Activity == "Waiting" && p.PercentComplete == 50);
        Assert.Contains(shell.Streams.Progress, p => p.RecordType == ProgressRecordType.Completed || p.PercentComplete == 50);
    }

    [Fact]
    public void StreamsItemsThenTimesOutOnAStalledStepAndDisposesTheSource()
    {
        using var shell = PowerShellSession.Create();
        shell.AddCommand("Test-MilvusStream").AddParameter("TimeoutSec", 1);
        var output = shell.Invoke();

        Assert.Equal([1, 2, 3], output.Select(o => (int)o.BaseObject));
        ErrorRecord error = Assert.Single(shell.Streams.Error);
        Assert.Equal("MilvusTimeout,Milvus.PowerShell.Tests.TestMilvusStreamCommand", error.FullyQualifiedErrorId);
        Assert.True(TestMilvusStreamCommand.SourceDisposed);
    }

    [Fact]
    public void ProgressHonoursProgressPreference()
    {
        using var shell = PowerShellSession.Create();
        shell.AddScript("$ProgressPreference = 'SilentlyContinue'; Test-MilvusWait -TimeoutSec 1 -ErrorAction SilentlyContinue");
        shell.Invoke();
        Assert.Empty(shell.Streams.Progress);
    }

    [Theory]
    [InlineData("Get-MilvusCollection", "Milvus.PowerShell.Commands.Collection.GetMilvusCollectionCommand")]
    [InlineData("Test-MilvusConnection", "Milvus.PowerShell.Commands.Connection.TestMilvusConnectionCommand")]
    [InlineData("Get-MilvusIndex -CollectionName docs", "Milvus.PowerShell.Commands.Index.GetMilvusIndexCommand")]
    public void WithoutAConnectionCmdletsStopWithMilvusNotConnected(string command, string cmdletType)
    {
        using var shell = PowerShellSession.Create();
        shell.AddScript(command + "; 'next statement ran'");
        var output = shell.Invoke();

        ErrorRecord error = Assert.Single(shell.Streams.Error);   // terminating for the cmdlet: nothing else was written
        Assert.Equal($"MilvusNotConnected,{cmdletType}", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ConnectionError, error.CategoryInfo.Category);
        Assert.Equal("Not connected to Milvus. Run Connect-Milvus first, or pass -Connection.", error.Exception.Message);
        Assert.Contains("Connect-Milvus", error.ErrorDetails.RecommendedAction);
        Assert.Equal("next statement ran", Assert.Single(output).BaseObject);
    }

    [Fact]
    public void AnUnknownConnectionNameIsAParameterError()
    {
        using var shell = PowerShellSession.Create();
        shell.AddScript("Get-MilvusCollection -Connection nosuch");
        shell.Invoke();
        ErrorRecord error = Assert.Single(shell.Streams.Error);
        Assert.Equal("ParameterArgumentTransformationError,Milvus.PowerShell.Commands.Collection.GetMilvusCollectionCommand",
            error.FullyQualifiedErrorId);
        Assert.Contains("There is no Milvus connection named 'nosuch' in this session.", error.Exception.Message);
    }

    [Fact]
    public void DisconnectWithoutAConnectionSaysSo()
    {
        using var shell = PowerShellSession.Create();
        shell.AddScript("Disconnect-Milvus");
        shell.Invoke();
        Assert.Equal("MilvusNotConnected,Milvus.PowerShell.Commands.Connection.DisconnectMilvusCommand",
            Assert.Single(shell.Streams.Error).FullyQualifiedErrorId);
    }
}
