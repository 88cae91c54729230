namespace Milvus.PowerShell.Models;

/// <summary>The tokens an analyzer made of one text (pymilvus run_analyzer), from Invoke-MilvusAnalyzer.</summary>
public sealed class MilvusAnalyzerResult
{
    /// <summary>The analysed text.</summary>
    public string Text { get; set; } = string.Empty;

    /// <summary>The tokens, in order.</summary>
    public string[] Tokens { get; set; } = Array.Empty<string>();

    /// <summary>Offsets, positions and hashes (only with -Detail or -Hash).</summary>
    public MilvusAnalyzerToken[] Details { get; set; } = Array.Empty<MilvusAnalyzerToken>();

    public override string ToString() => string.Join(" ", Tokens);
}

/// <summary>One token with its details.</summary>
public sealed class MilvusAnalyzerToken
{
    public string Token { get; set; } = string.Empty;

    public long StartOffset { get; set; }

    public long EndOffset { get; set; }

    public long Position { get; set; }

    public long PositionLength { get; set; }

    public uint Hash { get; set; }

    public override string ToString() => Token;
}
