using System.Management.Automation;
using System.Security;
using Milvus.PowerShell.Models;

namespace Milvus.PowerShell.Commands;

/// <summary>New-MilvusUser: pymilvus create_user. The password is a SecureString (or comes from -Credential).</summary>
[Cmdlet(VerbsCommon.New, "MilvusUser", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = "Password")]
[OutputType(typeof(MilvusUserInfo))]
public sealed class NewMilvusUserCommand : MilvusCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = "Password")]
    [Alias("UserName")]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = string.Empty;

    [Parameter(Mandatory = true, Position = 1, ParameterSetName = "Password")]
    public SecureString Password { get; set; } = null!;

    /// <summary>User name and password in one object (Get-Credential, Get-Secret).</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = "Credential", ValueFromPipeline = true)]
    [Credential]
    public PSCredential Credential { get; set; } = null!;

    [Parameter]
    public string? Description { get; set; }

    protected override string ErrorThing => "User";

    protected override void ProcessRecord()
    {
        string user = ParameterSetName == "Credential" ? Credential.UserName : Name;
        SecureString secret = ParameterSetName == "Credential" ? Credential.Password : Password;
        if (!ShouldProcess(DescribeTarget("user", user), "Create user"))
        {
            return;
        }

        var client = ResolveClient();
        if (TryInvoke(user, ct => client.CreateUserAsync(user, SecureText.Reveal(secret), Description, cancellationToken: ct)))
        {
            WriteObject(Stamp(new MilvusUserInfo { UserName = user, Description = Description ?? string.Empty }));
        }
    }
}
