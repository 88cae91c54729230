using System.Collections;

namespace Milvus.Client;

/// <summary>
/// A query made of several vectors (pymilvus <c>EmbeddingList</c>), searched against a vector sub-field of an ARRAY of
/// STRUCT field (<c>struct[sub]</c>) indexed with a MAX_SIM metric: each query vector takes its best match among the
/// row's vectors and the scores add up. Vectors are float vectors unless given as another vector type's values.
/// </summary>
public sealed class EmbeddingList : IEnumerable<object>
{
    private readonly List<object> _vectors = new();

    public EmbeddingList() { }

    public EmbeddingList(IEnumerable<object> vectors)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        foreach (var v in vectors) Add(v);
    }

    /// <summary>The vectors, in order.</summary>
    public IReadOnlyList<object> Vectors => _vectors;

    public int Count => _vectors.Count;

    /// <summary>Adds one vector (pymilvus <c>add</c>); returns this list.</summary>
    public EmbeddingList Add(object vector)
    {
        ArgumentNullException.ThrowIfNull(vector);
        _vectors.Add(vector);
        return this;
    }

    public IEnumerator<object> GetEnumerator() => _vectors.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"EmbeddingList({Count} vectors)";
}
