using System.Management.Automation;
using Milvus.PowerShell.Completion;
using Milvus.Client;
using Milvus.PowerShell.Models;

namespace Milvus.PowerShell.Commands;

/// <summary>Shared shape of Add-/Remove-MilvusPrivilegeGroupMember: privileges put into, or taken out of, a group.</summary>
public abstract class PrivilegeGroupMemberCommand : MilvusCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("GroupName")]
    [ArgumentCompleter(typeof(PrivilegeGroupNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = string.Empty;

    [Parameter(Mandatory = true, Position = 1)]
    [ValidateNotNullOrEmpty]
    public string[] Privilege { get; set; } = Array.Empty<string>();

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override string ErrorThing => "PrivilegeGroup";

    protected abstract string Action { get; }

    protected abstract Task Apply(AsyncMilvusClient client, CancellationToken cancellationToken);

    protected override void ProcessRecord()
    {
        if (!ShouldProcess(DescribeTarget("privilege group", Name), $"{Action} {string.Join(", ", Privilege)}"))
        {
            return;
        }

        var client = ResolveClient();
        if (TryInvoke(Name, ct => Apply(client, ct)) && PassThru)
        {
            if (!TryInvoke(Name, ct => client.ListPrivilegeGroupsAsync(cancellationToken: ct), out var groups))
            {
                return;
            }

            var group = groups.FirstOrDefault(g => g.PrivilegeGroup == Name);
            WriteObject(Stamp(new MilvusPrivilegeGroupInfo { GroupName = Name, Privileges = group?.Privileges.ToArray() ?? Array.Empty<string>() }));
        }
    }
}
