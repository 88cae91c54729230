using System.Management.Automation;
using Milvus.Client;
using Milvus.PowerShell.Models;

namespace Milvus.PowerShell.Commands;

/// <summary>Add-MilvusPrivilegeGroupMember: pymilvus add_privileges_to_group.</summary>
[Cmdlet(VerbsCommon.Add, "MilvusPrivilegeGroupMember", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(MilvusPrivilegeGroupInfo))]
public sealed class AddMilvusPrivilegeGroupMemberCommand : PrivilegeGroupMemberCommand
{
    protected override string Action => "Add privileges";

    protected override Task Apply(AsyncMilvusClient client, CancellationToken cancellationToken) =>
        client.AddPrivilegesToGroupAsync(Name, Privilege, cancellationToken: cancellationToken);
}
