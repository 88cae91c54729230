using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using Milvus.Local.Indexes.Quantization;
using Milvus.Local.Search;

namespace Milvus.Local.Indexes;

/// <summary>
/// Product-quantized codes as a graph space (HNSW_PQ, HNSW_PRQ). One stage is a plain product quantizer; several
/// stages are a product-residual quantizer (faiss's ProductResidualQuantizer: each stage quantizes, per sub-space,
/// what the stages before it left; encoded greedily, where faiss keeps a small beam). A query is turned into
/// asymmetric distance tables once and each hop sums a row's table entries. With several stages the L2 distance is
/// expanded as |q|^2 - 2 sum(q.c) + |x'|^2, with |x'|^2 (the decoded row's squared norm) stored per row, as faiss's
/// additive quantizers store it. Rows are inserted with their full-precision vector as the query, as faiss adds
/// them; two stored rows are compared decoded. COSINE codes hold unit vectors.
/// </summary>
[SkipLocalsInit]
internal readonly struct PqGraph : IGraphSpace
{
    private const int StackDim = 2048;

    private readonly VectorSpace _space;
    private readonly ProductQuantizer[] _stages;
    private readonly byte[] _codes;        // per row: every stage's code, one after another
    private readonly float[]? _norms;      // |decoded row|^2, for L2 over several stages
    private readonly int _codeSize;
    private readonly int _tableLength;     // floats of all stages' tables

    private PqGraph(VectorSpace space, ProductQuantizer[] stages, byte[] codes, float[]? norms)
    {
        _space = space;
        _stages = stages;
        _codes = codes;
        _norms = norms;
        _codeSize = stages.Sum(s => s.CodeSize);
        _tableLength = stages.Sum(s => s.TableLength);
    }

    public int Count => _space.Count;

    /// <summary>Bytes per row of the codes (plus 4 for the stored norm with several stages under L2).</summary>
    public int BytesPerRow => _codeSize + (_norms is null ? 0 : sizeof(float));

    public IReadOnlyList<ProductQuantizer> Stages => _stages;

    /// <summary>
    /// Trains <paramref name="stages"/> product quantizers of <paramref name="m"/> sub-spaces and <paramref name="nbits"/>
    /// bits, each on the residuals the previous ones leave, and encodes every row.
    /// </summary>
    public static PqGraph Train(VectorSpace space, int m, int nbits, int stages, CancellationToken cancellationToken)
    {
        var (count, dim) = (space.Count, space.Dim);
        var residuals = new float[(long)count * dim];
        Parallel.For(0, count, new ParallelOptions { CancellationToken = cancellationToken }, row => space.RowAsQuery(row).CopyTo(residuals, (long)row * dim));
        var quantizers = new ProductQuantizer[stages];
        var stageCodes = new byte[stages][];
        for (var stage = 0; stage < stages; stage++)
        {
            var pq = quantizers[stage] = ProductQuantizer.Train(residuals, count, dim, m, nbits, cancellationToken);
            var codes = stageCodes[stage] = pq.EncodeAll(residuals, count, cancellationToken);
            if (stage == stages - 1) break;
            Parallel.For(0, count, new ParallelOptions { CancellationToken = cancellationToken }, row =>
            {
                Span<float> decoded = dim <= StackDim ? stackalloc float[dim] : new float[dim];
                pq.Decode(codes.AsSpan(row * pq.CodeSize, pq.CodeSize), decoded);
                var residual = residuals.AsSpan(row * dim, dim);
                for (var d = 0; d < dim; d++) residual[d] -= decoded[d];
            });
        }
        var codeSize = quantizers.Sum(q => q.CodeSize);
        var all = new byte[(long)count * codeSize];
        for (int stage = 0, offset = 0; stage < stages; offset += quantizers[stage].CodeSize, stage++)
        {
            var size = quantizers[stage].CodeSize;
            for (var row = 0; row < count; row++) stageCodes[stage].AsSpan(row * size, size).CopyTo(all.AsSpan(row * codeSize + offset, size));
        }
        var graph = new PqGraph(space, quantizers, all, null);
        if (stages == 1 || space.Metric != Metric.L2) return graph;
        var norms = new float[count];
        Parallel.For(0, count, row =>
        {
            Span<float> decoded = dim <= StackDim ? stackalloc float[dim] : new float[dim];
            graph.Decode(row, decoded);
            norms[row] = Kernels.Dot(ref MemoryMarshal.GetReference(decoded), ref MemoryMarshal.GetReference(decoded), dim);
        });
        return new PqGraph(space, quantizers, all, norms);
    }

    /// <summary>The vector a row's codes stand for (the sum of the stages' decodes).</summary>
    public void Decode(int row, Span<float> destination)
    {
        var dim = _space.Dim;
        Span<float> part = dim <= StackDim ? stackalloc float[dim] : new float[dim];
        destination[..dim].Clear();
        var code = _codes.AsSpan(row * _codeSize, _codeSize);
        foreach (var stage in _stages)
        {
            stage.Decode(code[..stage.CodeSize], part);
            for (var d = 0; d < dim; d++) destination[d] += part[d];
            code = code[stage.CodeSize..];
        }
    }

    private bool Expanded => _stages.Length > 1;

    /// <summary>The query's tables, one per stage, then |q|^2 (used by the expanded L2).</summary>
    public float[] Encode(float[] prepared)
    {
        var tables = new float[_tableLength + 1];
        var metric = Expanded ? Metric.IP : _space.Metric;
        var at = 0;
        foreach (var stage in _stages)
        {
            stage.ComputeTable(prepared, metric, tables.AsSpan(at, stage.TableLength));
            at += stage.TableLength;
        }
        tables[^1] = Kernels.Dot(ref MemoryMarshal.GetArrayDataReference(prepared), ref MemoryMarshal.GetArrayDataReference(prepared), prepared.Length);
        return tables;
    }

    public float[] RowAsQuery(int row) => Encode(_space.RowAsQuery(row));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Distance(float[] query, int row)
    {
        var code = _codes.AsSpan(row * _codeSize, _codeSize);
        if (!Expanded) return _stages[0].Distance(query, code);
        var sum = 0f;
        var table = query.AsSpan();
        foreach (var stage in _stages)
        {
            sum += stage.Distance(table, code);
            table = table[stage.TableLength..];
            code = code[stage.CodeSize..];
        }
        // sum is -q.x' (IP tables); L2 expands around it.
        return _norms is null ? sum : query[^1] + 2 * sum + _norms[row];
    }

    public float Distance(int a, int b)
    {
        var dim = _space.Dim;
        Span<float> x = dim <= StackDim ? stackalloc float[dim] : new float[dim];
        Span<float> y = dim <= StackDim ? stackalloc float[dim] : new float[dim];
        Decode(a, x);
        Decode(b, y);
        ref var xr = ref MemoryMarshal.GetReference(x);
        ref var yr = ref MemoryMarshal.GetReference(y);
        return _space.Metric == Metric.L2 ? Kernels.L2Squared(ref xr, ref yr, dim) : -Kernels.Dot(ref xr, ref yr, dim);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public unsafe void Prefetch(int row)
    {
        if (!Sse.IsSupported) return;
        Sse.Prefetch0((byte*)Unsafe.AsPointer(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_codes), (nint)row * _codeSize)));
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(_stages.Length);
        writer.Write(_norms is null ? 0 : 1);
        foreach (var stage in _stages) stage.Write(writer);
        writer.Write(_codes);
        if (_norms is not null) writer.Write(MemoryMarshal.AsBytes(_norms.AsSpan()));
    }

    public static PqGraph Read(ref SpanReader reader, VectorSpace space)
    {
        var header = reader.Ints(2);
        var stages = new ProductQuantizer[header[0]];
        for (var i = 0; i < stages.Length; i++) stages[i] = ProductQuantizer.Read(ref reader);
        var codes = reader.Bytes(space.Count * stages.Sum(s => s.CodeSize));
        var norms = header[1] == 1 ? reader.Floats(space.Count) : null;
        return new PqGraph(space, stages, codes, norms);
    }
}
