using System.Runtime.CompilerServices;

namespace Milvus.Local.Indexes;

/// <summary>A graph node (or row, or list) with its distance to the query.</summary>
internal readonly record struct Candidate(float Distance, int Id);

/// <summary>Nearest candidate on top: the order of a graph walk's frontier.</summary>
internal readonly struct NearestFirst : IHeapOrder<Candidate>
{
    public bool Above(in Candidate a, in Candidate b) => a.Distance < b.Distance;
}

/// <summary>Farthest candidate on top: the order of a bounded result set (the root is the one the next nearer candidate evicts).</summary>
internal readonly struct FarthestFirst : IHeapOrder<Candidate>
{
    public bool Above(in Candidate a, in Candidate b) => a.Distance > b.Distance;
}

/// <summary>A bounded result set of nearest candidates (the IVF types' list scans and probe choice, DISKANN's results).</summary>
internal static class NearestCandidates
{
    /// <summary>
    /// Keeps at most <paramref name="keep"/> candidates, the nearest: pushes while there is room, else replaces the farthest
    /// when <paramref name="distance"/> is strictly nearer (a pop then a push, so equal distances keep the rows they kept).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Offer(this BinaryHeap<Candidate, FarthestFirst> heap, int keep, float distance, int id)
    {
        if (heap.Count < keep) heap.Push(new Candidate(distance, id));
        else if (distance < heap.Top.Distance)
        {
            heap.Pop();
            heap.Push(new Candidate(distance, id));
        }
    }
}
