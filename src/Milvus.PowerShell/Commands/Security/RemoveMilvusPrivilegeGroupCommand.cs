using System.Management.Automation;
using Milvus.PowerShell.Completion;

namespace Milvus.PowerShell.Commands;

/// <summary>Remove-MilvusPrivilegeGroup: pymilvus drop_privilege_group.</summary>
[Cmdlet(VerbsCommon.Remove, "MilvusPrivilegeGroup", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveMilvusPrivilegeGroupCommand : MilvusCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("GroupName")]
    [ArgumentCompleter(typeof(PrivilegeGroupNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Name { get; set; } = Array.Empty<string>();

    protected override string ErrorThing => "PrivilegeGroup";

    protected override void ProcessRecord()
    {
        var client = ResolveClient();
        foreach (string group in Name)
        {
            if (ShouldProcess(DescribeTarget("privilege group", group), "Remove privilege group"))
            {
                TryInvoke(group, ct => client.DropPrivilegeGroupAsync(group, cancellationToken: ct));
            }
        }
    }
}
