using System.Management.Automation;
using Milvus.PowerShell.Models;

namespace Milvus.PowerShell.Commands;

/// <summary>New-MilvusPrivilegeGroup: pymilvus create_privilege_group, then add_privileges_to_group for -Privilege.</summary>
[Cmdlet(VerbsCommon.New, "MilvusPrivilegeGroup", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(MilvusPrivilegeGroupInfo))]
public sealed class NewMilvusPrivilegeGroupCommand : MilvusCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [Alias("GroupName")]
    [ValidateNotNullOrEmpty]
    public string[] Name { get; set; } = Array.Empty<string>();

    /// <summary>Privileges to put in the new group right away.</summary>
    [Parameter(Position = 1)]
    public string[] Privilege { get; set; } = Array.Empty<string>();

    protected override string ErrorThing => "PrivilegeGroup";

    protected override void ProcessRecord()
    {
        var client = ResolveClient();
        foreach (string group in Name)
        {
            if (!ShouldProcess(DescribeTarget("privilege group", group), "Create privilege group")
                || !TryInvoke(group, ct => client.CreatePrivilegeGroupAsync(group, cancellationToken: ct)))
            {
                continue;
            }

            if (Privilege.Length > 0 && !TryInvoke(group, ct => client.AddPrivilegesToGroupAsync(group, Privilege, cancellationToken: ct)))
            {
                continue;
            }

            WriteObject(Stamp(new MilvusPrivilegeGroupInfo { GroupName = group, Privileges = Privilege.ToArray() }));
        }
    }
}
