namespace Milvus.PowerShell.Models;

/// <summary>
/// One privilege granted to a role on an object (an entry of pymilvus describe_role's "privileges"). Flat and
/// string-valued, so <c>Get-MilvusRole | Get-MilvusPrivilege | Export-Csv</c> gives a readable audit file.
/// DatabaseName is the database the grant applies to ("*" for all).
/// </summary>
public sealed class MilvusPrivilegeGrant : MilvusObject
{
    public string RoleName { get; set; } = string.Empty;

    /// <summary>Collection, Global or User.</summary>
    public string ObjectType { get; set; } = string.Empty;

    /// <summary>The collection (or user) name; "*" for all.</summary>
    public string ObjectName { get; set; } = string.Empty;

    /// <summary>The privilege or privilege group name (Search, Insert, CollectionReadOnly...).</summary>
    public string Privilege { get; set; } = string.Empty;

    public string GrantorName { get; set; } = string.Empty;

    public override string ToString() => $"{RoleName}: {Privilege} on {ObjectType} '{ObjectName}'";
}
