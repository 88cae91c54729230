using System.Management.Automation;
using Milvus.PowerShell.Completion;
using Milvus.Client;
using Milvus.PowerShell.Models;

namespace Milvus.PowerShell.Commands;

/// <summary>Shared shape of Grant-MilvusRole and Revoke-MilvusRole: a role given to, or taken from, users.</summary>
public abstract class RoleMembershipCommand : MilvusCmdlet
{
    /// <summary>The users; binds UserName from piped MilvusUserInfo objects.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("UserName")]
    [ArgumentCompleter(typeof(UserNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] User { get; set; } = Array.Empty<string>();

    /// <summary>
    /// The role (the noun's identity, so -Name as on every cmdlet; -Role, the earlier name, stays an alias); binds RoleName
    /// from piped MilvusRoleInfo objects.
    /// </summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [Alias("Role", "RoleName")]
    [ArgumentCompleter(typeof(RoleNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = string.Empty;

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override string ErrorThing => "Role";

    /// <summary>The verb shown by -WhatIf, e.g. "Grant role 'reader'".</summary>
    protected abstract string Action { get; }

    protected abstract Task Apply(AsyncMilvusClient client, string user, string role, CancellationToken cancellationToken);

    protected override void ProcessRecord()
    {
        var client = ResolveClient();
        foreach (string user in User)
        {
            if (!ShouldProcess(DescribeTarget("user", user), $"{Action} '{Name}'"))
            {
                continue;
            }

            if (TryInvoke(user, ct => Apply(client, user, Name, ct)) && PassThru
                && TryInvoke(user, ct => client.DescribeUserAsync(user, cancellationToken: ct), out var description))
            {
                WriteObject(Stamp(new MilvusUserInfo { UserName = user, Roles = description?.Roles.ToArray() ?? Array.Empty<string>(), Description = description?.Description ?? string.Empty }));
            }
        }
    }
}
