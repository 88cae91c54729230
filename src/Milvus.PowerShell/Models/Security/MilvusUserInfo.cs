namespace Milvus.PowerShell.Models;

/// <summary>A Milvus user (pymilvus describe_user). Never holds a password.</summary>
public sealed class MilvusUserInfo : MilvusObject
{
    public string UserName { get; set; } = string.Empty;

    /// <summary>Roles granted to the user (Grant-MilvusRole).</summary>
    public string[] Roles { get; set; } = Array.Empty<string>();

    public string Description { get; set; } = string.Empty;

    public override string ToString() => UserName;
}
