using System.Runtime.CompilerServices;

namespace Milvus.Local.Indexes;

/// <summary>Marks of visited nodes, reset in O(1) by bumping a generation (one per thread, reused).</summary>
internal sealed class VisitedSet(int size)
{
    private readonly int[] _marks = new int[size];
    private int _generation;

    public int Size => _marks.Length;

    public void Reset()
    {
        if (++_generation == int.MaxValue)
        {
            Array.Clear(_marks);
            _generation = 1;
        }
    }

    /// <summary>Marks the node; false when it was already marked in this generation.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Add(int id)
    {
        ref var mark = ref _marks[id];
        if (mark == _generation) return false;
        mark = _generation;
        return true;
    }
}
