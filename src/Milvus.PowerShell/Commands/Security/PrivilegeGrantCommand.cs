using System.Management.Automation;
using Milvus.Client;
using Milvus.PowerShell.Completion;
using Milvus.PowerShell.Models;

namespace Milvus.PowerShell.Commands;

/// <summary>
/// Shared shape of Grant-MilvusPrivilege and Revoke-MilvusPrivilege. Two parameter sets, as pymilvus has two calls:
/// <c>Collection</c> (default) uses grant_privilege_v2 (privilege or privilege group on a collection of a database, "*"
/// for all); <c>Object</c> uses grant_privilege (an object type Collection/Global/User and an object name).
/// Every parameter binds by property name, so <c>Get-MilvusPrivilege -Role r | Revoke-MilvusPrivilege</c> revokes
/// exactly the listed grants.
/// </summary>
public abstract class PrivilegeGrantCommand : MilvusCmdlet
{
    protected const string CollectionSet = "Collection";
    protected const string ObjectSet = "Object";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("RoleName")]
    [ArgumentCompleter(typeof(RoleNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string Role { get; set; } = string.Empty;

    /// <summary>Privilege names (Search, Insert, ...) or privilege groups (CollectionReadOnly, ClusterAdmin, custom groups).</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(PrivilegeNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Privilege { get; set; } = Array.Empty<string>();

    /// <summary>The collection ("*" = every collection of the database); pymilvus grant_privilege_v2 collection_name.</summary>
    [Parameter(ParameterSetName = CollectionSet, ValueFromPipelineByPropertyName = true)]
    [Alias("Collection")]
    [ValidateNotNullOrEmpty]
    public string CollectionName { get; set; } = "*";

    /// <summary>Collection, Global or User (pymilvus grant_privilege object_type).</summary>
    [Parameter(Mandatory = true, ParameterSetName = ObjectSet, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ObjectTypeCompleter))]
    [ValidateNotNullOrEmpty]
    public string ObjectType { get; set; } = string.Empty;

    /// <summary>The object's name ("*" = all); pymilvus grant_privilege object_name.</summary>
    [Parameter(ParameterSetName = ObjectSet, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string ObjectName { get; set; } = "*";

    /// <summary>Write each grant granted (or revoked), in Get-MilvusPrivilege's shape.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override string ErrorThing => "Privilege";

    /// <summary>"Grant" or "Revoke", for -WhatIf.</summary>
    protected abstract string Action { get; }

    protected abstract Task ApplyV2(AsyncMilvusClient client, string privilege, CancellationToken cancellationToken);

    protected abstract Task ApplyV1(AsyncMilvusClient client, string privilege, CancellationToken cancellationToken);

    protected override void ProcessRecord()
    {
        var client = ResolveClient();
        string scope = ParameterSetName == ObjectSet
            ? $"{ObjectType} '{ObjectName}'"
            : $"collection '{CollectionName}' in db '{Database ?? ResolveDatabase()}'";
        foreach (string privilege in Privilege)
        {
            if (!ShouldProcess(DescribeTarget("role", Role), $"{Action} {privilege} on {scope}"))
            {
                continue;
            }

            if (TryInvoke(privilege, ct => ParameterSetName == ObjectSet ? ApplyV1(client, privilege, ct) : ApplyV2(client, privilege, ct)) && PassThru)
            {
                WriteObject(Stamp(DescribeGrant(privilege)));
            }
        }
    }

    /// <summary>The grant just applied; Stamp fills its database (-Database or the connection's), as the call used.</summary>
    private MilvusPrivilegeGrant DescribeGrant(string privilege) => new()
    {
        RoleName = Role,
        ObjectType = ParameterSetName == ObjectSet ? ObjectType : "Collection",
        ObjectName = ParameterSetName == ObjectSet ? ObjectName : CollectionName,
        Privilege = privilege,
    };

    /// <summary>The database of a v1 grant: -Database (or a piped grant's DatabaseName), else the connection's.</summary>
    protected string GrantDatabase => Database ?? ResolveDatabase();
}
