using System.Management.Automation;
using Milvus.Client;
using Milvus.PowerShell.Models;

namespace Milvus.PowerShell.Commands;

/// <summary>Remove-MilvusPrivilegeGroupMember: pymilvus remove_privileges_from_group.</summary>
[Cmdlet(VerbsCommon.Remove, "MilvusPrivilegeGroupMember", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(MilvusPrivilegeGroupInfo))]
public sealed class RemoveMilvusPrivilegeGroupMemberCommand : PrivilegeGroupMemberCommand
{
    protected override string Action => "Remove privileges";

    protected override Task Apply(AsyncMilvusClient client, CancellationToken cancellationToken) =>
        client.RemovePrivilegesFromGroupAsync(Name, Privilege, cancellationToken: cancellationToken);
}
