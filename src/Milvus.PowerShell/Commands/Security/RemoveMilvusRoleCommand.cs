using System.Management.Automation;
using Milvus.PowerShell.Completion;

namespace Milvus.PowerShell.Commands;

/// <summary>Remove-MilvusRole: pymilvus drop_role. -Force also drops a role that still has grants (force_drop).</summary>
[Cmdlet(VerbsCommon.Remove, "MilvusRole", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveMilvusRoleCommand : MilvusCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("RoleName")]
    [ArgumentCompleter(typeof(RoleNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Name { get; set; } = Array.Empty<string>();

    /// <summary>Drop the role even when privileges are still granted to it (pymilvus force_drop=True).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override string ErrorThing => "Role";

    protected override void ProcessRecord()
    {
        var client = ResolveClient();
        foreach (string role in Name)
        {
            if (ExistsForRemoval("Role", role, async ct => (await client.ListRolesAsync(cancellationToken: ct).ConfigureAwait(false)).Contains(role))
                && ShouldProcess(DescribeTarget("role", role), Force ? "Remove role and its grants" : "Remove role"))
            {
                TryInvoke(role, ct => client.DropRoleAsync(role, Force, cancellationToken: ct));
            }
        }
    }
}
