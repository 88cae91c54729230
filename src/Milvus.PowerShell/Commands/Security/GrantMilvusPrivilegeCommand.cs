using System.Management.Automation;
using Milvus.Client;

namespace Milvus.PowerShell.Commands;

/// <summary>Grant-MilvusPrivilege: pymilvus grant_privilege_v2 (default) or grant_privilege (-ObjectType).</summary>
[Cmdlet(VerbsSecurity.Grant, "MilvusPrivilege", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = CollectionSet)]
[OutputType(typeof(Milvus.PowerShell.Models.MilvusPrivilegeGrant))]
public sealed class GrantMilvusPrivilegeCommand : PrivilegeGrantCommand
{
    protected override string Action => "Grant";

    protected override Task ApplyV2(AsyncMilvusClient client, string privilege, CancellationToken cancellationToken) =>
        client.GrantPrivilegeV2Async(Role, privilege, CollectionName, Database, cancellationToken: cancellationToken);

    protected override Task ApplyV1(AsyncMilvusClient client, string privilege, CancellationToken cancellationToken) =>
        client.GrantPrivilegeAsync(Role, ObjectType, privilege, ObjectName, GrantDatabase, cancellationToken: cancellationToken);
}
