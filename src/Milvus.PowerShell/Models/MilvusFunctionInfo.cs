using System.Collections;
using Milvus.Client;

namespace Milvus.PowerShell.Models;

/// <summary>
/// A schema function (BM25 full-text, text embedding, ...): what Get-MilvusCollection reports in Functions, and what
/// New-MilvusFunction builds for New-MilvusSchema -Function and Set-MilvusCollection -AddFunction.
/// </summary>
public sealed class MilvusFunctionInfo : MilvusCollectionObject
{
    public string Name { get; set; } = string.Empty;

    /// <summary>The function type's name ("BM25", "TextEmbedding"): text, so ConvertTo-Json writes the name, not a number.</summary>
    public string FunctionType
    {
        get => Kind.ToString();
        set => Kind = EnumText.Parse<FunctionType>(value);
    }

    /// <summary>The type as the client's enum, for the module's own code.</summary>
    internal FunctionType Kind { get; set; }

    public string[] InputField { get; set; } = [];

    public string[] OutputField { get; set; } = [];

    public Hashtable Parameters { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public string Description { get; set; } = string.Empty;

    public override string ToString() => $"{Name} ({FunctionType})";
}
