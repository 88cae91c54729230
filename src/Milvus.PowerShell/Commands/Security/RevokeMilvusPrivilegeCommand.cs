using System.Management.Automation;
using Milvus.Client;

namespace Milvus.PowerShell.Commands;

/// <summary>Revoke-MilvusPrivilege: pymilvus revoke_privilege_v2 (default) or revoke_privilege (-ObjectType).</summary>
[Cmdlet(VerbsSecurity.Revoke, "MilvusPrivilege", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = CollectionSet)]
[OutputType(typeof(Milvus.PowerShell.Models.MilvusPrivilegeGrant))]
public sealed class RevokeMilvusPrivilegeCommand : PrivilegeGrantCommand
{
    protected override string Action => "Revoke";

    protected override Task ApplyV2(AsyncMilvusClient client, string privilege, CancellationToken cancellationToken) =>
        client.RevokePrivilegeV2Async(Role, privilege, CollectionName, Database, cancellationToken: cancellationToken);

    protected override Task ApplyV1(AsyncMilvusClient client, string privilege, CancellationToken cancellationToken) =>
        client.RevokePrivilegeAsync(Role, ObjectType, privilege, ObjectName, GrantDatabase, cancellationToken: cancellationToken);
}
