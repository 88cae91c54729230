using System.Management.Automation;
using Milvus.Client;
using Milvus.PowerShell.Models;

namespace Milvus.PowerShell.Commands;

/// <summary>Grant-MilvusRole: pymilvus grant_role (OperateUserRole AddUserToRole).</summary>
[Cmdlet(VerbsSecurity.Grant, "MilvusRole", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(MilvusUserInfo))]
public sealed class GrantMilvusRoleCommand : RoleMembershipCommand
{
    protected override string Action => "Grant role";

    protected override Task Apply(AsyncMilvusClient client, string user, string role, CancellationToken cancellationToken) =>
        client.GrantRoleAsync(user, role, cancellationToken: cancellationToken);
}
