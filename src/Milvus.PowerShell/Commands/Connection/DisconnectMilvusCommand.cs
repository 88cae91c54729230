using System.Management.Automation;
using Milvus.PowerShell.Connections;
using Milvus.PowerShell.Models;

namespace Milvus.PowerShell.Commands.Connection;

/// <summary>
/// <para type="synopsis">Closes a Milvus connection (the default one unless -Connection or -All is given).</para>
/// <para type="description">Wraps AsyncMilvusClient.CloseAsync (pymilvus close()). Objects that carry the connection stop working.</para>
/// </summary>
[Cmdlet(VerbsCommunications.Disconnect, "Milvus", DefaultParameterSetName = ConnectionSet)]
[OutputType(typeof(void))]
public sealed class DisconnectMilvusCommand : MilvusAsyncCmdlet
{
    private const string ConnectionSet = "Connection";
    private const string AllSet = "All";

    /// <summary>The connection (or its name) to close; default: the runspace's default connection.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ConnectionSet)]
    [MilvusConnectionTransformation]
    [Completion.ConnectionNameCompleterAttribute]
    public MilvusConnection? Connection { get; set; }

    /// <summary>Close every connection of this runspace.</summary>
    [Parameter(Mandatory = true, ParameterSetName = AllSet)]
    public SwitchParameter All { get; set; }

    protected override string ErrorThing => "Connection";

    protected override void ProcessRecord()
    {
        if (All)
        {
            foreach (MilvusConnection connection in ConnectionRegistry.List())
            {
                Close(connection);
            }

            return;
        }

        MilvusConnection? target = Connection ?? ConnectionRegistry.Default;
        if (target is null)
        {
            ThrowError("MilvusNotConnected", ErrorCategory.ConnectionError, null,
                "There is no default Milvus connection to close. Pass -Connection, or -All.");
        }

        Close(target!);
    }

    private void Close(MilvusConnection connection)
    {
        WriteVerbose($"Closing {connection}.");
        ConnectionRegistry.Unregister(connection);
        connection.Close();
    }
}
