using System.Runtime.InteropServices;

namespace Milvus.Local.Indexes;

/// <summary>The lists of an inverted-file index: rows grouped by the list they were assigned to.</summary>
internal static class InvertedLists
{
    /// <summary>Training rows per list for k-means.</summary>
    private const int SamplePerList = 64;

    /// <summary>
    /// The k-means training sample (evenly spaced rows, <see cref="SamplePerList"/> per list) and <paramref name="lists"/>
    /// distinct seed rows drawn from it with a fixed seed, so a build is reproducible.
    /// </summary>
    public static (int[] Sample, int[] Seeds) TrainingSample(int count, int lists)
    {
        var sampleSize = Math.Min(count, lists * SamplePerList);
        var sample = Enumerable.Range(0, sampleSize).Select(i => (int)((long)i * count / sampleSize)).ToArray();
        var random = new Random(1234);
        return (sample, sample.OrderBy(_ => random.Next()).Take(lists).ToArray());
    }

    /// <summary>List l holds <c>Rows[Offsets[l]..Offsets[l + 1]]</c>, rows in ascending order within a list.</summary>
    public static (int[] Offsets, int[] Rows) Group(int[] assignment, int lists)
    {
        var offsets = new int[lists + 1];
        foreach (var list in assignment) offsets[list + 1]++;
        for (var l = 0; l < lists; l++) offsets[l + 1] += offsets[l];
        var fill = offsets[..^1].ToArray();
        var rows = new int[assignment.Length];
        for (var row = 0; row < assignment.Length; row++) rows[fill[assignment[row]]++] = row;
        return (offsets, rows);
    }

    /// <summary>The <paramref name="nprobe"/> lists with the smallest <paramref name="distance"/> (their ids and distances; unordered).</summary>
    public static ReadOnlySpan<Candidate> Nearest(int lists, int nprobe, Func<int, float> distance)
    {
        var distances = new float[lists];
        for (var l = 0; l < lists; l++) distances[l] = distance(l);
        return Nearest(distances, nprobe, new BinaryHeap<Candidate, FarthestFirst>(nprobe + 1));
    }

    /// <summary>The <paramref name="nprobe"/> lists with the smallest of <paramref name="distances"/>, kept in <paramref name="heap"/> (unordered).</summary>
    public static ReadOnlySpan<Candidate> Nearest(ReadOnlySpan<float> distances, int nprobe, BinaryHeap<Candidate, FarthestFirst> heap)
    {
        heap.Clear();
        for (var l = 0; l < distances.Length; l++) heap.Offer(nprobe, distances[l], l);
        return heap.Items;
    }

    /// <summary>Writes the centroids, list offsets and rows of an inverted file (the stored layout of IVF_FLAT, IVF_SQ8, IVF_PQ, SCANN, IVF_RABITQ).</summary>
    public static void Write(BinaryWriter w, float[] centroids, int[] offsets, int[] rows)
    {
        w.Write(MemoryMarshal.AsBytes(centroids.AsSpan()));
        w.Write(MemoryMarshal.AsBytes(offsets.AsSpan()));
        w.Write(MemoryMarshal.AsBytes(rows.AsSpan()));
    }

    /// <summary>Reads back what <see cref="Write"/> wrote for <paramref name="lists"/> lists of <paramref name="count"/> rows.</summary>
    public static (float[] Centroids, int[] Offsets, int[] Rows) Read(ref SpanReader reader, int lists, int dim, int count)
        => (reader.Floats(lists * dim), reader.Ints(lists + 1), reader.Ints(count));
}
