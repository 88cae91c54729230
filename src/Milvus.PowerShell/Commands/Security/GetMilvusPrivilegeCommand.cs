using System.Management.Automation;
using Milvus.PowerShell.Completion;
using Milvus.PowerShell.Models;

namespace Milvus.PowerShell.Commands;

/// <summary>
/// Get-MilvusPrivilege: the grants of roles (pymilvus describe_role's "privileges"), one flat object per grant, so
/// <c>Get-MilvusRole | Get-MilvusPrivilege | Export-Csv grants.csv</c> is an RBAC audit.
/// </summary>
[Cmdlet(VerbsCommon.Get, "MilvusPrivilege")]
[OutputType(typeof(MilvusPrivilegeGrant))]
public sealed class GetMilvusPrivilegeCommand : MilvusCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("RoleName")]
    [ArgumentCompleter(typeof(RoleNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Role { get; set; } = Array.Empty<string>();

    /// <summary>Only grants of this privilege (wildcards allowed).</summary>
    [Parameter]
    [SupportsWildcards]
    public string? Privilege { get; set; }

    protected override string ErrorThing => "Role";

    protected override void ProcessRecord()
    {
        var client = ResolveClient();
        var filter = Privilege is null ? null : new WildcardPattern(Privilege, WildcardOptions.IgnoreCase);
        foreach (string role in Role)
        {
            if (!TryInvoke(role, ct => client.DescribeRoleAsync(role, Database, cancellationToken: ct), out var description))
            {
                continue;
            }

            foreach (var grant in description.Privileges.Where(g => filter is null || filter.IsMatch(g.Privilege)))
            {
                WriteObject(Stamp(new MilvusPrivilegeGrant
                {
                    RoleName = string.IsNullOrEmpty(grant.RoleName) ? role : grant.RoleName,
                    ObjectType = grant.ObjectType,
                    ObjectName = grant.ObjectName,
                    Privilege = grant.Privilege,
                    GrantorName = grant.GrantorName,
                    DatabaseName = grant.DbName,
                }));
            }
        }
    }
}
