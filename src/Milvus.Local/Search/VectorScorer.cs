using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using Milvus.Local.Columns;
using Milvus.Protocol.Schema;

namespace Milvus.Local.Search;

/// <summary>
/// Scores rows of one vector column against one query vector with Milvus's metric semantics: L2 is the squared
/// Euclidean distance, IP the inner product, COSINE the cosine similarity, HAMMING the differing bits, JACCARD
/// 1 - |a∧b| / |a∨b|; sparse vectors use IP. Dense kernels are SIMD (TensorPrimitives). Not thread-safe: one per worker.
/// </summary>
internal sealed class VectorScorer
{
    private readonly QueryVector _query;
    private readonly Metric _metric;
    private readonly float _queryNorm;
    private readonly float[] _scratch;

    private readonly VectorScorer[] _listScorers;

    public VectorScorer(QueryVector query, Metric metric)
    {
        _query = query;
        _metric = metric;
        _listScorers = query.List?.Select(q => new VectorScorer(q, metric.ElementMetric())).ToArray() ?? [];
        _queryNorm = query.Dense is null ? 0 : TensorPrimitives.Norm(query.Dense);
        _scratch = new float[query.Dense?.Length ?? 0];
    }

    public float Score(Column column, int row) => column switch
    {
        DenseVectorColumn { DataType: DataType.BinaryVector } b => Binary(b.Row(row)),
        DenseVectorColumn d => Dense(d.DataType == DataType.FloatVector ? MemoryMarshal.Cast<byte, float>(d.Row(row)) : Convert(d, row), d, row),
        SparseVectorColumn s => (_query.Scorer ?? SparseScorer.InnerProduct).Score(_query.Sparse!.Value, s.Values[row]),
        VectorArrayColumn list => MaxSim(list.Values[row]),
        _ => throw new InvalidOperationException("not a vector column"),
    };

    /// <summary>
    /// MAX_SIM: for each query vector its best score against the row's vectors, summed. A row without vectors
    /// has no score (NaN), so it is never a hit.
    /// </summary>
    private float MaxSim(DenseVectorColumn elements)
    {
        if (elements.Length == 0 || _listScorers.Length == 0) return float.NaN;
        var element = _metric.ElementMetric();
        float sum = 0;
        foreach (var scorer in _listScorers)
        {
            var best = scorer.Score(elements, 0);
            for (var i = 1; i < elements.Length; i++)
            {
                var score = scorer.Score(elements, i);
                if (element.Better(score, best)) best = score;
            }
            sum += best;
        }
        return sum;
    }

    private ReadOnlySpan<float> Convert(DenseVectorColumn column, int row)
    {
        DenseConversion.ToFloat(column.DataType, column.Row(row), _scratch);
        return _scratch;
    }

    private float Dense(ReadOnlySpan<float> v, DenseVectorColumn column, int row)
    {
        var q = _query.Dense!;
        switch (_metric)
        {
            case Metric.L2:
                // The squared distance summed directly, as the scan kernels do: squaring a square root gave 1.9999999 for 2.
                return Indexes.Kernels.L2Squared(ref MemoryMarshal.GetReference(q.AsSpan()), ref MemoryMarshal.GetReference(v), q.Length);
            case Metric.IP:
                return TensorPrimitives.Dot(q, v);
            case Metric.Cosine:
                var norm = NormsOf(column)[row];
                return _queryNorm == 0 || norm == 0 ? 0 : TensorPrimitives.Dot(q, v) / (_queryNorm * norm);
            default:
                throw Errors.MilvusError.InvalidParameter($"metric type {_metric} is not valid for dense float vectors");
        }
    }

    private DenseVectorColumn? _normsColumn;
    private float[] _norms = [];

    private float[] NormsOf(DenseVectorColumn column)
    {
        if (!ReferenceEquals(column, _normsColumn))
        {
            _norms = RowNorms.Of(column);
            _normsColumn = column;
        }
        return _norms;
    }

    private float Binary(ReadOnlySpan<byte> v) => BinaryDistance.Of(_metric, _query.Binary!, v);
}
