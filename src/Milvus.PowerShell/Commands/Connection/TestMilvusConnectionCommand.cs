using System.Management.Automation;
using Milvus.Client;
using Milvus.PowerShell.Models;

namespace Milvus.PowerShell.Commands.Connection;

/// <summary>
/// <para type="synopsis">Returns $true when the connection answers (a GetVersion call), else $false.</para>
/// <para type="description">Never throws for an unreachable server; -Verbose tells why it failed. Without a connection it
/// fails with MilvusNotConnected like every other cmdlet.</para>
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "MilvusConnection")]
[OutputType(typeof(bool))]
public sealed class TestMilvusConnectionCommand : MilvusCmdlet
{
    /// <summary>How long a health check waits for an answer when -TimeoutSec is not given.</summary>
    public const int TestTimeoutSec = 10;

    protected override string ErrorThing => "Connection";

    protected override void ProcessRecord()
    {
        MilvusConnection connection = ResolveConnection();
        try
        {
            // A health check answers quickly: a server that does not answer within 10 s (or -TimeoutSec) is down.
            using IDisposable budget = MilvusCallContext.WithTimeout(TimeSpan.FromSeconds(TimeoutSec > 0 ? TimeoutSec : TestTimeoutSec));
            string version = Invoke(ct => connection.ClientFor(Database).GetServerVersionAsync(cancellationToken: ct));
            WriteVerbose($"{connection} answered: server {version}.");
            WriteObject(true);
        }
        catch (Exception ex) when (ex is not PipelineStoppedException)
        {
            WriteVerbose($"{connection} did not answer: {ex.Message}");
            WriteObject(false);
        }
    }
}
