namespace Milvus.PowerShell.Models;

/// <summary>A Milvus role (pymilvus describe_role / list_roles). Pipe it to Get-MilvusPrivilege for its grants.</summary>
public sealed class MilvusRoleInfo : MilvusObject
{
    public string RoleName { get; set; } = string.Empty;

    public string Description { get; set; } = string.Empty;

    /// <summary>Users holding the role, when the server reports them.</summary>
    public string[] Users { get; set; } = Array.Empty<string>();

    public override string ToString() => RoleName;
}
