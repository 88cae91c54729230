using System.Management.Automation;

namespace Milvus.PowerShell.Commands.Server;

/// <summary>
/// <para type="synopsis">Gets the Milvus server's version.</para>
/// <para type="description">Wraps get_server_version. With -Detailed, returns the build details (build time, commit, Go
/// version, deploy mode) from the Connect handshake. With -ServerType, wraps get_server_type: "zilliz" for Zilliz Cloud,
/// "milvus" otherwise (the local engine included); no call reaches the server.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "MilvusServerVersion")]
[OutputType(typeof(string), typeof(Milvus.Client.ServerVersionInfo))]
public sealed class GetMilvusServerVersionCommand : MilvusCmdlet
{
    /// <summary>Return the build details, not just the version string.</summary>
    [Parameter]
    public SwitchParameter Detailed { get; set; }

    /// <summary>Return the server type (pymilvus get_server_type): "milvus" or "zilliz".</summary>
    [Parameter]
    public SwitchParameter ServerType { get; set; }

    protected override string ErrorThing => "Server";

    protected override void ProcessRecord()
    {
        var client = ResolveClient();
        if (ServerType)
        {
            WriteObject(client.GetServerType());
            return;
        }

        object? result = Detailed
            ? TryInvoke(null, ct => client.GetServerVersionDetailAsync(cancellationToken: ct), out var detail) ? detail : null
            : TryInvoke(null, ct => client.GetServerVersionAsync(cancellationToken: ct), out string version) ? version : null;
        if (result is not null)
        {
            WriteObject(result);
        }
    }
}
