namespace Milvus.PowerShell.Models;

/// <summary>A privilege group (pymilvus list_privilege_groups entry): a named set of privileges.</summary>
public sealed class MilvusPrivilegeGroupInfo : MilvusObject
{
    public string GroupName { get; set; } = string.Empty;

    public string[] Privileges { get; set; } = Array.Empty<string>();

    public override string ToString() => GroupName;
}
