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
}
