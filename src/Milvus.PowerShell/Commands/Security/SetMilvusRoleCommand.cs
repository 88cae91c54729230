using System.Management.Automation;
using Milvus.PowerShell.Completion;
using Milvus.PowerShell.Models;

namespace Milvus.PowerShell.Commands;

/// <summary>Set-MilvusRole: pymilvus alter_role (Milvus 3.0 AlterRole) changes a role's description.</summary>
[Cmdlet(VerbsCommon.Set, "MilvusRole", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(MilvusRoleInfo))]
public sealed class SetMilvusRoleCommand : MilvusCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("RoleName")]
    [ArgumentCompleter(typeof(RoleNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Name { get; set; } = Array.Empty<string>();

    /// <summary>The role's new description (empty clears it).</summary>
    [Parameter(Mandatory = true)]
    [AllowEmptyString]
    public string Description { get; set; } = string.Empty;

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override string ErrorThing => "Role";

    protected override void ProcessRecord()
    {
        var client = ResolveClient();
        foreach (string role in Name)
        {
            if (ShouldProcess(DescribeTarget("role", role), "Change description")
                && TryInvoke(role, ct => client.AlterRoleAsync(role, Description, cancellationToken: ct))
                && PassThru)
            {
                WriteObject(Stamp(new MilvusRoleInfo { RoleName = role, Description = Description }));
            }
        }
    }
}
