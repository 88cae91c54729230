using System.Management.Automation;
using Milvus.PowerShell.Models;

namespace Milvus.PowerShell.Commands;

/// <summary>New-MilvusRole: pymilvus create_role.</summary>
[Cmdlet(VerbsCommon.New, "MilvusRole", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(MilvusRoleInfo))]
public sealed class NewMilvusRoleCommand : MilvusCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [Alias("RoleName")]
    [ValidateNotNullOrEmpty]
    public string[] Name { get; set; } = Array.Empty<string>();

    [Parameter]
    public string Description { get; set; } = string.Empty;

    protected override string ErrorThing => "Role";

    protected override void ProcessRecord()
    {
        var client = ResolveClient();
        foreach (string role in Name)
        {
            if (ShouldProcess(DescribeTarget("role", role), "Create role")
                && TryInvoke(role, ct => client.CreateRoleAsync(role, Description, cancellationToken: ct)))
            {
                WriteObject(Stamp(new MilvusRoleInfo { RoleName = role, Description = Description }));
            }
        }
    }
}
