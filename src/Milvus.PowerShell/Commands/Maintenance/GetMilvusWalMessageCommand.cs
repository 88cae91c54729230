using System.Management.Automation;
using Milvus.Client;

namespace Milvus.PowerShell.Commands;

/// <summary>
/// Get-MilvusWalMessage: pymilvus dump_messages. Streams the write-ahead-log messages of a physical channel from
/// -StartMessageId (optionally between two time ticks); stops cleanly under Select-Object -First. The local engine has
/// no WAL and answers "unsupported operation".
/// </summary>
[Cmdlet(VerbsCommon.Get, "MilvusWalMessage")]
[OutputType(typeof(DumpedMessage))]
public sealed class GetMilvusWalMessageCommand : MilvusCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Pchannel { get; set; } = string.Empty;

    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [AllowEmptyString]
    public string StartMessageId { get; set; } = string.Empty;

    /// <summary>The WAL implementation that wrote -StartMessageId (e.g. pulsar, kafka, woodpecker); empty lets the server decide.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string WalName { get; set; } = string.Empty;

    [Parameter]
    public ulong StartTimeTick { get; set; }

    /// <summary>Stop at this time tick (0 = keep streaming until stopped).</summary>
    [Parameter]
    public ulong EndTimeTick { get; set; }

    protected override string ErrorThing => "Replication";

    protected override void ProcessRecord()
    {
        var client = ResolveClient();
        try
        {
            foreach (DumpedMessage message in InvokeStream(ct => client.DumpMessages(Pchannel, StartMessageId, WalName, StartTimeTick, EndTimeTick, ct)))
            {
                WriteObject(message);
            }
        }
        catch (Exception ex) when (ex is not PipelineStoppedException and not RuntimeException)
        {
            WriteFailure(ex, Pchannel);
        }
    }
}
