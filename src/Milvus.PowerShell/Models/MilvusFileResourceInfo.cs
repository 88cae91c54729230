namespace Milvus.PowerShell.Models;

/// <summary>A file resource (pymilvus list_file_resources entry): a named path that analyzers and functions refer to.</summary>
public sealed class MilvusFileResourceInfo : MilvusObject
{
    public string Name { get; set; } = string.Empty;

    public string Path { get; set; } = string.Empty;

    /// <summary>The id the server gave the resource.</summary>
    public long Id { get; set; }

    public override string ToString() => Name;
}
