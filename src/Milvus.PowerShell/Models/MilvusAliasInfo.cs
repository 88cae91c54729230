namespace Milvus.PowerShell.Models;

/// <summary>An alias and the collection it points at (Get-/New-/Set-MilvusAlias).</summary>
public sealed class MilvusAliasInfo : MilvusCollectionObject
{
    public string Alias { get; set; } = string.Empty;

    public override string ToString() => Alias;
}
