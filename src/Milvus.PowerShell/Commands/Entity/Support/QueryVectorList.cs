namespace Milvus.PowerShell.Commands;

/// <summary>
/// A -Vector bound to a list of vectors: several queries in one parameter value, as pymilvus's data=[[...], [...]] and
/// as -Text takes several texts. Each vector is bound like a single -Vector.
/// </summary>
internal sealed class QueryVectorList(IReadOnlyList<object> vectors)
{
    public IReadOnlyList<object> Vectors { get; } = vectors;

    public override string ToString() => $"{Vectors.Count} query vectors";
}
