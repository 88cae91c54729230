using System.Runtime.CompilerServices;

namespace Milvus.Local.Indexes;

/// <summary>
/// The distances an HNSW graph is built and walked over: the full-precision vectors (<see cref="FloatGraph"/>) or a
/// quantized copy of them (SQ, PQ, residual PQ codes). <see cref="HnswIndex{TSpace}"/> takes the implementation as a
/// struct type argument, so the JIT compiles one walk per representation with its distance inlined (no interface
/// call per hop). Rows are the segment's rows; distances follow <see cref="VectorSpace"/>'s rule (smaller is closer,
/// IP and COSINE negated), so a graph space can also re-rank ("refine") another one's candidates.
/// </summary>
internal interface IGraphSpace
{
    /// <summary>Rows in the space.</summary>
    int Count { get; }

    /// <summary>A query in this space's form, from one prepared by <see cref="VectorSpace.Prepare"/> (normalized for COSINE).</summary>
    float[] Encode(float[] prepared);

    /// <summary>A stored row as a query in this space's form (used to insert it into the graph).</summary>
    float[] RowAsQuery(int row);

    /// <summary>Distance of an encoded query to a row.</summary>
    float Distance(float[] query, int row);

    /// <summary>Distance between two stored rows (neighbour selection while building).</summary>
    float Distance(int a, int b);

    /// <summary>Starts loading a row's data into the cache (a walk prefetches a node's neighbours before scoring them).</summary>
    void Prefetch(int row);

    /// <summary>Writes the space's own data (codes, quantizer parameters) for storage; nothing when it is the segment's vectors.</summary>
    void Write(BinaryWriter writer);
}

/// <summary>The segment's own vectors as a graph space (HNSW, AUTOINDEX; FP32 refine): no copy, nothing stored.</summary>
internal readonly struct FloatGraph(VectorSpace space) : IGraphSpace
{
    public int Count => space.Count;

    public float[] Encode(float[] prepared) => prepared;

    public float[] RowAsQuery(int row) => space.RowAsQuery(row);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Distance(float[] query, int row) => space.Distance(query, row);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Distance(int a, int b) => space.Distance(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Prefetch(int row) => space.Prefetch(row);

    public void Write(BinaryWriter writer) { }
}
