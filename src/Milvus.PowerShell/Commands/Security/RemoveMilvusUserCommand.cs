using System.Management.Automation;
using Milvus.PowerShell.Completion;

namespace Milvus.PowerShell.Commands;

/// <summary>Remove-MilvusUser: pymilvus drop_user. Irreversible, so ConfirmImpact is High.</summary>
[Cmdlet(VerbsCommon.Remove, "MilvusUser", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveMilvusUserCommand : MilvusCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("UserName")]
    [ArgumentCompleter(typeof(UserNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Name { get; set; } = Array.Empty<string>();

    protected override string ErrorThing => "User";

    protected override void ProcessRecord()
    {
        var client = ResolveClient();
        foreach (string user in Name)
        {
            if (ExistsForRemoval("User", user, async ct => (await client.ListUsersAsync(cancellationToken: ct).ConfigureAwait(false)).Contains(user))
                && ShouldProcess(DescribeTarget("user", user), "Remove user"))
            {
                TryInvoke(user, ct => client.DropUserAsync(user, cancellationToken: ct));
            }
        }
    }
}
