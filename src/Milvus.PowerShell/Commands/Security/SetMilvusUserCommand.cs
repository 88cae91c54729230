using System.Management.Automation;
using Milvus.PowerShell.Completion;
using System.Security;
using Milvus.PowerShell.Models;

namespace Milvus.PowerShell.Commands;

/// <summary>Set-MilvusUser: pymilvus update_password (-OldPassword/-NewPassword) or update_user (-Description).</summary>
[Cmdlet(VerbsCommon.Set, "MilvusUser", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = "Password")]
[OutputType(typeof(MilvusUserInfo))]
public sealed class SetMilvusUserCommand : MilvusCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("UserName")]
    [ArgumentCompleter(typeof(UserNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = string.Empty;

    [Parameter(Mandatory = true, ParameterSetName = "Password")]
    public SecureString OldPassword { get; set; } = null!;

    /// <summary>The new password (alias -Password, the name New-MilvusUser uses).</summary>
    [Parameter(Mandatory = true, ParameterSetName = "Password")]
    [Alias("Password")]
    public SecureString NewPassword { get; set; } = null!;

    /// <summary>A new description for the user (pymilvus update_user); the password stays.</summary>
    [Parameter(Mandatory = true, ParameterSetName = "Description")]
    [AllowEmptyString]
    public string Description { get; set; } = string.Empty;

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override string ErrorThing => "User";

    protected override void ProcessRecord()
    {
        bool password = ParameterSetName == "Password";
        if (!ShouldProcess(DescribeTarget("user", Name), password ? "Change password" : "Change description"))
        {
            return;
        }

        var client = ResolveClient();
        bool done = password
            ? TryInvoke(Name, ct => client.UpdatePasswordAsync(Name, SecureText.Reveal(OldPassword), SecureText.Reveal(NewPassword), false, cancellationToken: ct))
            : TryInvoke(Name, ct => client.UpdateUserAsync(Name, Description, cancellationToken: ct));
        if (done && PassThru && TryInvoke(Name, ct => client.DescribeUserAsync(Name, cancellationToken: ct), out var description))
        {
            WriteObject(Stamp(new MilvusUserInfo
            {
                UserName = Name,
                Roles = description?.Roles.ToArray() ?? Array.Empty<string>(),
                Description = description?.Description ?? string.Empty,
            }));
        }
    }
}
