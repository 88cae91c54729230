namespace Milvus.Local.Analysis;

/// <summary>
/// One token an analyzer produced. Offsets are UTF-16 indexes into the analysed string (end exclusive);
/// <see cref="Utf8Offsets"/> gives the UTF-8 byte offsets Milvus reports. <see cref="Position"/> and
/// <see cref="PositionLength"/> are Tantivy's: filters that drop tokens keep the positions of the others.
/// </summary>
public readonly record struct AnalyzerToken(string Text, int StartOffset, int EndOffset, int Position, int PositionLength = 1)
{
    /// <summary>This token's offsets as UTF-8 byte offsets into <paramref name="source"/>, as Milvus's RunAnalyzer returns them.</summary>
    public (long Start, long End) Utf8Offsets(string source) =>
        (System.Text.Encoding.UTF8.GetByteCount(source.AsSpan(0, StartOffset)),
         System.Text.Encoding.UTF8.GetByteCount(source.AsSpan(0, EndOffset)));
}
