using System.Management.Automation;
using Milvus.Client;
using Milvus.PowerShell.Models;

namespace Milvus.PowerShell.Commands;

/// <summary>Revoke-MilvusRole: pymilvus revoke_role (OperateUserRole RemoveUserFromRole).</summary>
[Cmdlet(VerbsSecurity.Revoke, "MilvusRole", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(MilvusUserInfo))]
public sealed class RevokeMilvusRoleCommand : RoleMembershipCommand
{
    protected override string Action => "Revoke role";

    protected override Task Apply(AsyncMilvusClient client, string user, string role, CancellationToken cancellationToken) =>
        client.RevokeRoleAsync(user, role, cancellationToken: cancellationToken);
}
