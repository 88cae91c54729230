using Milvus.Local.Columns;
using Milvus.Local.Search;

namespace Milvus.Local.Indexes;

/// <summary>
/// BIN_IVF_FLAT (faiss's IndexBinaryIVF, as knowhere builds it): binary k-means splits the rows into <c>nlist</c>
/// lists around binary centroids (a centroid bit is the majority bit of its rows, i.e. faiss's float k-means over
/// ±1 vectors binarized by sign); a search ranks the lists by the Hamming distance of their centroid to the query
/// (the coarse quantizer is an IndexBinaryFlat) and scans the rows of the <c>nprobe</c> nearest with the index's
/// metric, HAMMING or JACCARD, exactly. The rows stay in the segment: the index holds centroids and lists only.
/// </summary>
internal sealed class BinaryIvfIndex : IScoredIndex
{
    private const int Magic = 0x31564942; // "BIV1"
    private const int TrainingRounds = 10;

    private readonly byte[] _centroids;  // nlist x bytes
    private readonly int[] _offsets;     // list l holds _rows[_offsets[l].._offsets[l + 1]]
    private readonly int[] _rows;
    private readonly int _bytes;

    private BinaryIvfIndex(DenseVectorColumn column, Metric metric, byte[] centroids, int[] offsets, int[] rows)
    {
        Column = column;
        Metric = metric;
        _bytes = column.Dim / 8;
        _centroids = centroids;
        _offsets = offsets;
        _rows = rows;
    }

    public string IndexType => "BIN_IVF_FLAT";

    /// <summary>The segment's BINARY_VECTOR column the lists point into.</summary>
    public DenseVectorColumn Column { get; }

    public Metric Metric { get; }

    public int ListCount => _offsets.Length - 1;

    public static BinaryIvfIndex Build(DenseVectorColumn column, Metric metric, int nlist, CancellationToken cancellationToken)
    {
        var bytes = column.Dim / 8;
        var lists = Math.Max(1, Math.Min(nlist, column.Length));
        var centroids = Train(column, lists, cancellationToken);
        var assignment = new int[column.Length];
        Parallel.For(0, column.Length, new ParallelOptions { CancellationToken = cancellationToken },
            row => assignment[row] = Nearest(centroids, bytes, column.Row(row)));
        var (offsets, rows) = InvertedLists.Group(assignment, lists);
        return new BinaryIvfIndex(column, metric, centroids, offsets, rows);
    }

    /// <summary>Lloyd's k-means with Hamming assignment and majority-bit centroids, on an evenly spaced sample.</summary>
    private static byte[] Train(DenseVectorColumn column, int lists, CancellationToken cancellationToken)
    {
        var bytes = column.Dim / 8;
        var (sample, seeds) = InvertedLists.TrainingSample(column.Length, lists);
        var sampleSize = sample.Length;
        var centroids = new byte[lists * bytes];
        for (var l = 0; l < lists; l++) column.Row(seeds[l]).CopyTo(centroids.AsSpan(l * bytes, bytes));
        var assignment = new int[sampleSize];
        for (var round = 0; round < TrainingRounds; round++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var current = centroids;
            Parallel.For(0, sampleSize, i => assignment[i] = Nearest(current, bytes, column.Row(sample[i])));
            var ones = new int[lists * bytes * 8];
            var counts = new int[lists];
            for (var i = 0; i < sampleSize; i++)
            {
                var l = assignment[i];
                counts[l]++;
                var row = column.Row(sample[i]);
                for (var bit = 0; bit < bytes * 8; bit++)
                    if ((row[bit >> 3] & (1 << (bit & 7))) != 0) ones[l * bytes * 8 + bit]++;
            }
            var next = new byte[lists * bytes];
            for (var l = 0; l < lists; l++)
            {
                // An empty list keeps its centroid (rare with seeds drawn from the sample).
                if (counts[l] == 0) { centroids.AsSpan(l * bytes, bytes).CopyTo(next.AsSpan(l * bytes, bytes)); continue; }
                for (var bit = 0; bit < bytes * 8; bit++)
                    if (2 * ones[l * bytes * 8 + bit] > counts[l]) next[l * bytes + (bit >> 3)] |= (byte)(1 << (bit & 7));
            }
            centroids = next;
        }
        return centroids;
    }

    private static int Nearest(byte[] centroids, int bytes, ReadOnlySpan<byte> row)
    {
        var best = 0;
        var bestDistance = int.MaxValue;
        for (var l = 0; l < centroids.Length / bytes; l++)
        {
            var d = BinaryDistance.Hamming(centroids.AsSpan(l * bytes, bytes), row);
            if (d < bestDistance) { bestDistance = d; best = l; }
        }
        return best;
    }

    /// <summary>
    /// The best <paramref name="k"/> rows (row, score in the metric's own terms: fewer differing bits / lower
    /// Jaccard distance first) among those <paramref name="mask"/> allows, in the nprobe lists nearest the query.
    /// </summary>
    public List<Hit> Search(QueryVector query, int k, RowMask mask, IndexSearchOptions options, int view)
    {
        if (k <= 0 || _rows.Length == 0) return [];
        var nprobe = options.Nprobe ?? IvfIndex.DefaultNprobe;
        var bits = query.Binary!;
        var probes = Enumerable.Range(0, ListCount)
            .Select(l => (Distance: BinaryDistance.Hamming(_centroids.AsSpan(l * _bytes, _bytes), bits), List: l))
            .OrderBy(p => p.Distance).ThenBy(p => p.List).Take(Math.Min(nprobe, ListCount));
        var heap = new TopK(k, HitOrder.ByPosition(Metric));
        foreach (var (_, list) in probes)
            for (var i = _offsets[list]; i < _offsets[list + 1]; i++)
            {
                var row = _rows[i];
                if (mask.Allows(row)) heap.Offer(new Hit(BinaryDistance.Of(Metric, bits, Column.Row(row)), view, row));
            }
        return heap.Sorted();
    }

    public byte[] Serialize()
    {
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write(Magic);
        writer.Write(_bytes);
        writer.Write(ListCount);
        writer.Write(_rows.Length);
        writer.Write(_centroids);
        foreach (var offset in _offsets) writer.Write(offset);
        foreach (var row in _rows) writer.Write(row);
        writer.Flush();
        return stream.ToArray();
    }

    public static BinaryIvfIndex Load(byte[] bytes, DenseVectorColumn column, Metric metric)
    {
        using var reader = new BinaryReader(new MemoryStream(bytes));
        if (reader.ReadInt32() != Magic) throw new InvalidDataException("not a stored BIN_IVF_FLAT index");
        var width = reader.ReadInt32();
        var lists = reader.ReadInt32();
        var count = reader.ReadInt32();
        if (width != column.Dim / 8 || count != column.Length) throw new InvalidDataException("the stored BIN_IVF_FLAT index does not match its segment");
        var centroids = reader.ReadBytes(lists * width);
        var offsets = new int[lists + 1];
        for (var i = 0; i < offsets.Length; i++) offsets[i] = reader.ReadInt32();
        var rows = new int[count];
        for (var i = 0; i < rows.Length; i++) rows[i] = reader.ReadInt32();
        return new BinaryIvfIndex(column, metric, centroids, offsets, rows);
    }
}
