namespace Milvus.PowerShell.Models;

/// <summary>A Milvus role (pymilvus describe_role / list_roles). Pipe it to Get-MilvusPrivilege for its grants.</summary>
public sealed class MilvusRoleInfo : MilvusObject
{
    public string RoleName { get; set; } = string.Empty;

    public string Description { get; set; } = string.Empty;

    /// <summary>The users holding the role (SelectRole with include_user_info).</summary>
    public string[] Users { get; set; } = Array.Empty<string>();

    public override string ToString() => RoleName;
}
