using System.Runtime.InteropServices;
using Google.Protobuf;
using Milvus.Local.Catalog;
using Milvus.Local.Columns;
using Milvus.Local.Errors;
using Milvus.Protocol.Schema;

namespace Milvus.Local.Data;

/// <summary>
/// Converts between the wire's column format (<see cref="FieldData"/>) and the engine's in-memory
/// <see cref="Column"/>s. Storage uses the same FieldData bytes, so one codec serves inserts, disk and replies.
/// </summary>
internal static class ColumnCodec
{
    /// <summary>Decodes <paramref name="numRows"/> rows of <paramref name="field"/>; nullable data may be compact (values for valid rows only).</summary>
    public static Column Decode(FieldSchema field, FieldData data, int numRows)
    {
        var validity = data.ValidData.Count > 0 ? data.ValidData.ToArray() : null;
        if (validity is not null && validity.Length != numRows)
            throw MilvusError.InvalidParameter($"the length of valid_data of field({field.Name}) is wrong", numRows, validity.Length);
        if (validity is not null && validity.All(v => v)) validity = null;
        var present = validity is null ? numRows : validity.Count(v => v);
        return field.DataType switch
        {
            DataType.Bool => new BoolColumn(Expand(Values(field, data.Scalars?.BoolData?.Data, numRows, present), validity), validity),
            DataType.Int8 or DataType.Int16 or DataType.Int32 => new Int64Column(field.DataType,
                Expand(Values(field, data.Scalars?.IntData?.Data, numRows, present).Select(v => (long)v).ToArray(), validity), validity),
            DataType.Int64 => new Int64Column(field.DataType, Expand(Values(field, data.Scalars?.LongData?.Data, numRows, present), validity), validity),
            DataType.Timestamptz => new Int64Column(field.DataType,
                Expand(Values(field, data.Scalars?.TimestamptzData?.Data ?? data.Scalars?.LongData?.Data, numRows, present), validity), validity),
            DataType.Float => new FloatColumn(Expand(Values(field, data.Scalars?.FloatData?.Data, numRows, present), validity), validity),
            DataType.Double => new DoubleColumn(Expand(Values(field, data.Scalars?.DoubleData?.Data, numRows, present), validity), validity),
            DataType.VarChar or DataType.String or DataType.Text => new StringColumn(field.DataType,
                Expand(Values(field, data.Scalars?.StringData?.Data, numRows, present), validity, string.Empty), validity),
            DataType.Json => new JsonColumn(
                Expand(Values(field, data.Scalars?.JsonData?.Data, numRows, present).Select(b => b.ToByteArray()).ToArray(), validity, []), validity),
            DataType.Array => DecodeArray(field, data, numRows, present, validity),
            DataType.Geometry => new GeometryColumn(Expand(DecodeGeometry(field, data, numRows, present, validity), validity, string.Empty), validity),
            DataType.SparseFloatVector => DecodeSparse(field, data, numRows, present, validity),
            DataType.ArrayOfVector => DecodeVectorArray(field, data, numRows, present, validity),
            _ when Catalog.VectorTypes.IsVector(field.DataType) => DecodeDense(field, data, numRows, present, validity),
            _ => throw MilvusError.InvalidParameter($"unsupported data type {MilvusTypeNames.Of(field.DataType)} of field {field.Name}"),
        };
    }

    /// <summary>
    /// Encodes the given rows (each from any column; a null column means the rows predate the field and read as
    /// null/default) as one FieldData of <paramref name="field"/>.
    /// </summary>
    public static FieldData Encode(FieldSchema field, IReadOnlyList<(Column? Column, int Row)> rows)
    {
        var data = new FieldData { Type = field.DataType, FieldName = field.Name, FieldId = field.FieldID, IsDynamic = field.IsDynamic };
        if (field.Nullable)
            // Rows that predate an added field read as its default value when it has one (as in Milvus), else null.
            foreach (var (column, row) in rows) data.ValidData.Add(column is not null ? !column.IsNull(row) : field.DefaultValue is not null);
        switch (field.DataType)
        {
            case DataType.Bool:
                data.Scalars = new ScalarField { BoolData = new BoolArray() };
                foreach (var (c, r) in rows) data.Scalars.BoolData.Data.Add(c is BoolColumn b ? b.Values[r] : DefaultOf(field)?.BoolData ?? false);
                break;
            case DataType.Int8 or DataType.Int16 or DataType.Int32:
                data.Scalars = new ScalarField { IntData = new IntArray() };
                foreach (var (c, r) in rows) data.Scalars.IntData.Data.Add(c is Int64Column i ? (int)i.Values[r] : DefaultOf(field)?.IntData ?? 0);
                break;
            case DataType.Int64:
                data.Scalars = new ScalarField { LongData = new LongArray() };
                foreach (var (c, r) in rows) data.Scalars.LongData.Data.Add(c is Int64Column i ? i.Values[r] : DefaultOf(field)?.LongData ?? 0);
                break;
            case DataType.Timestamptz:
                data.Scalars = new ScalarField { TimestamptzData = new TimestamptzArray() };
                foreach (var (c, r) in rows) data.Scalars.TimestamptzData.Data.Add(c is Int64Column i ? i.Values[r] : DefaultOf(field)?.TimestamptzData ?? 0);
                break;
            case DataType.Float:
                data.Scalars = new ScalarField { FloatData = new FloatArray() };
                foreach (var (c, r) in rows) data.Scalars.FloatData.Data.Add(c is FloatColumn f ? f.Values[r] : DefaultOf(field)?.FloatData ?? 0);
                break;
            case DataType.Double:
                data.Scalars = new ScalarField { DoubleData = new DoubleArray() };
                foreach (var (c, r) in rows) data.Scalars.DoubleData.Data.Add(c is DoubleColumn d ? d.Values[r] : DefaultOf(field)?.DoubleData ?? 0);
                break;
            case DataType.VarChar or DataType.String or DataType.Text:
                data.Scalars = new ScalarField { StringData = new StringArray() };
                foreach (var (c, r) in rows) data.Scalars.StringData.Data.Add(c is StringColumn s ? s.Values[r] : DefaultOf(field)?.StringData ?? "");
                break;
            case DataType.Json:
                data.Scalars = new ScalarField { JsonData = new JSONArray() };
                foreach (var (c, r) in rows) data.Scalars.JsonData.Data.Add(c is JsonColumn j ? ByteString.CopyFrom(j.Values[r]) : ByteString.Empty);
                break;
            case DataType.Geometry:
                data.Scalars = new ScalarField { GeometryWktData = new GeometryWktArray() };
                foreach (var (c, r) in rows) data.Scalars.GeometryWktData.Data.Add(c is GeometryColumn g ? g.Values[r] : DefaultOf(field)?.StringData ?? "");
                break;
            case DataType.Array:
                data.Scalars = new ScalarField { ArrayData = new ArrayArray { ElementType = field.ElementType } };
                foreach (var (c, r) in rows) data.Scalars.ArrayData.Data.Add(EncodeArrayRow(field.ElementType, c is ArrayColumn a ? a.Values[r] : null));
                break;
            case DataType.SparseFloatVector:
                EncodeSparse(field, data, rows);
                break;
            case DataType.ArrayOfVector:
                EncodeVectorArray(field, data, rows);
                break;
            default:
                EncodeDense(field, data, rows);
                break;
        }
        return data;
    }

    public static int DimOf(FieldSchema field)
    {
        var text = field.TypeParams.FirstOrDefault(p => p.Key == "dim")?.Value;
        return text is not null && int.TryParse(text, out var dim) ? dim : 0;
    }

    private static ValueField? DefaultOf(FieldSchema field) => field.DefaultValue;

    private static T[] Values<T>(FieldSchema field, IList<T>? values, int numRows, int present)
    {
        var count = values?.Count ?? 0;
        if (count != present && count != numRows)
            throw MilvusError.InvalidParameter($"the num_rows ({count}) of field ({field.Name}) is not equal to passed num_rows ({numRows})", numRows, count);
        return values is null ? [] : values as T[] ?? values.ToArray();
    }

    /// <summary>Spreads compact nullable values (one per valid row) over all rows.</summary>
    private static T[] Expand<T>(T[] values, bool[]? validity, T fill = default!)
    {
        if (validity is null || values.Length == validity.Length) return values;
        var result = new T[validity.Length];
        for (int i = 0, next = 0; i < validity.Length; i++) result[i] = validity[i] ? values[next++] : fill;
        return result;
    }

    /// <summary>WKT (geometry_wkt_data, as the SDKs send it) or WKB (geometry_data), normalised to WKT; null slots stay empty.</summary>
    private static string[] DecodeGeometry(FieldSchema field, FieldData data, int numRows, int present, bool[]? validity)
    {
        var scalars = data.Scalars;
        var wkb = scalars?.DataCase == ScalarField.DataOneofCase.GeometryData;
        var values = wkb
            ? Values(field, scalars!.GeometryData.Data, numRows, present).Select(b => b.ToByteArray()).ToArray<object>()
            : Values(field, scalars?.GeometryWktData?.Data, numRows, present).ToArray<object>();
        var fullLength = validity is not null && values.Length == numRows;
        return values.Select((v, i) => fullLength && !validity![i] ? ""
            : v is byte[] bytes ? Spatial.WktGeometry.FromWkb(bytes) : Spatial.WktGeometry.NormalizeInsert((string)v)).ToArray();
    }

    private static ArrayColumn DecodeArray(FieldSchema field, FieldData data, int numRows, int present, bool[]? validity)
    {
        var rows = Values(field, data.Scalars?.ArrayData?.Data, numRows, present).Select(s => DecodeArrayRow(field.ElementType, s)).ToArray();
        return new ArrayColumn(field.ElementType, Expand(rows, validity, EmptyArray(field.ElementType)), validity);
    }

    public static Array DecodeArrayRow(DataType elementType, ScalarField? row) => elementType switch
    {
        DataType.Bool => row?.BoolData?.Data.ToArray() ?? [],
        DataType.Int8 or DataType.Int16 or DataType.Int32 => row?.IntData?.Data.Select(v => (long)v).ToArray() ?? [],
        DataType.Int64 => row?.LongData?.Data.ToArray() ?? [],
        DataType.Float => row?.FloatData?.Data.ToArray() ?? [],
        DataType.Double => row?.DoubleData?.Data.ToArray() ?? [],
        DataType.VarChar or DataType.String => row?.StringData?.Data.ToArray() ?? [],
        _ => throw MilvusError.InvalidParameter($"unsupported array element type {MilvusTypeNames.Of(elementType)}"),
    };

    private static Array EmptyArray(DataType elementType) => DecodeArrayRow(elementType, null);

    private static ScalarField EncodeArrayRow(DataType elementType, Array? values)
    {
        var row = new ScalarField();
        switch (elementType)
        {
            case DataType.Bool: row.BoolData = new BoolArray(); if (values is bool[] b) row.BoolData.Data.Add(b); break;
            case DataType.Int8 or DataType.Int16 or DataType.Int32:
                row.IntData = new IntArray(); if (values is long[] i) row.IntData.Data.Add(i.Select(v => (int)v)); break;
            case DataType.Int64: row.LongData = new LongArray(); if (values is long[] l) row.LongData.Data.Add(l); break;
            case DataType.Float: row.FloatData = new FloatArray(); if (values is float[] f) row.FloatData.Data.Add(f); break;
            case DataType.Double: row.DoubleData = new DoubleArray(); if (values is double[] d) row.DoubleData.Data.Add(d); break;
            default: row.StringData = new StringArray(); if (values is string[] s) row.StringData.Data.Add(s); break;
        }
        return row;
    }

    /// <summary>
    /// Dense vectors; a nullable vector field's payload is compact, as in Milvus 3.0 (vectors of the valid rows only,
    /// valid_data one flag per row): null rows are stored as zero bytes under the column's validity.
    /// </summary>
    private static DenseVectorColumn DecodeDense(FieldSchema field, FieldData data, int numRows, int present, bool[]? validity)
    {
        var vectors = data.Vectors;
        if (vectors is null && present == 0 && validity is not null) vectors = new VectorField();
        if (vectors is null) throw MilvusError.InvalidParameter($"field {field.Name} has no vector data");
        var dim = DimOf(field);
        var bytes = VectorBytes(field.DataType, vectors, field.Name);
        if (validity is not null)
        {
            var compact = CheckDense(field, vectors, bytes, dim, present);
            return new DenseVectorColumn(field.DataType, dim, Spread(compact, DenseVectorColumn.BytesPerRowFor(field.DataType, dim), validity), numRows, validity);
        }
        return new DenseVectorColumn(field.DataType, dim, CheckDense(field, vectors, bytes, dim, numRows), numRows);
    }

    /// <summary>Checks that <paramref name="bytes"/> hold exactly <paramref name="numRows"/> vectors of the field's dim.</summary>
    private static byte[] CheckDense(FieldSchema field, VectorField vectors, byte[] bytes, int dim, int numRows)
    {
        if (vectors.Dim != 0 && vectors.Dim != dim)
            throw MilvusError.InvalidParameter($"the dim ({vectors.Dim}) of field data({field.Name}) is not equal to schema dim ({dim})", dim, vectors.Dim);
        var stride = DenseVectorColumn.BytesPerRowFor(field.DataType, dim);
        if (bytes.Length != stride * numRows)
        {
            var actualRows = stride == 0 ? 0 : bytes.Length / stride;
            if (bytes.Length % stride != 0)
            {
                var elementBytes = field.DataType switch { DataType.FloatVector => 4, DataType.Float16Vector or DataType.Bfloat16Vector => 2, _ => 1 };
                var perRow = numRows == 0 ? 0 : bytes.Length / elementBytes / numRows * (field.DataType == DataType.BinaryVector ? 8 : 1);
                throw MilvusError.InvalidParameter($"the dim ({perRow}) of field data({field.Name}) is not equal to schema dim ({dim})", dim, perRow);
            }
            throw MilvusError.InvalidParameter($"the num_rows ({actualRows}) of field ({field.Name}) is not equal to passed num_rows ({numRows})", numRows, actualRows);
        }
        return bytes;
    }

    /// <summary>Spreads compact rows of <paramref name="stride"/> bytes over all rows; null rows stay zero.</summary>
    private static byte[] Spread(byte[] compact, int stride, bool[] validity)
    {
        var bytes = new byte[stride * validity.Length];
        for (int row = 0, next = 0; row < validity.Length; row++)
            if (validity[row]) compact.AsSpan(next++ * stride, stride).CopyTo(bytes.AsSpan(row * stride, stride));
        return bytes;
    }

    /// <summary>The rows that carry a value: a nullable vector field's reply is compact (null rows have no vector).</summary>
    private static IEnumerable<(Column? Column, int Row)> PresentRows(FieldSchema field, IReadOnlyList<(Column? Column, int Row)> rows)
        => field.Nullable ? rows.Where(r => r.Column is not null && !r.Column.IsNull(r.Row)) : rows;

    private static void EncodeDense(FieldSchema field, FieldData data, IReadOnlyList<(Column? Column, int Row)> rows)
    {
        var dim = DimOf(field);
        var stride = DenseVectorColumn.BytesPerRowFor(field.DataType, dim);
        var present = PresentRows(field, rows).ToList();
        var bytes = new byte[stride * present.Count];
        for (var i = 0; i < present.Count; i++)
            if (present[i].Column is DenseVectorColumn v) v.Row(present[i].Row).CopyTo(bytes.AsSpan(i * stride, stride));
        data.Vectors = EncodeVectors(field.DataType, dim, bytes);
    }

    private static VectorField EncodeVectors(DataType type, int dim, ReadOnlySpan<byte> bytes)
    {
        var vectors = new VectorField { Dim = dim };
        switch (type)
        {
            case DataType.FloatVector:
                vectors.FloatVector = new FloatArray();
                vectors.FloatVector.Data.Add(MemoryMarshal.Cast<byte, float>(bytes).ToArray());
                break;
            case DataType.BinaryVector: vectors.BinaryVector = ByteString.CopyFrom(bytes); break;
            case DataType.Float16Vector: vectors.Float16Vector = ByteString.CopyFrom(bytes); break;
            case DataType.Bfloat16Vector: vectors.Bfloat16Vector = ByteString.CopyFrom(bytes); break;
            default: vectors.Int8Vector = ByteString.CopyFrom(bytes); break;
        }
        return vectors;
    }

    private static byte[] VectorBytes(DataType type, VectorField vectors, string fieldName) => type switch
    {
        DataType.FloatVector => MemoryMarshal.AsBytes((vectors.FloatVector?.Data.ToArray() ?? []).AsSpan()).ToArray(),
        DataType.BinaryVector => vectors.BinaryVector.ToByteArray(),
        DataType.Float16Vector => vectors.Float16Vector.ToByteArray(),
        DataType.Bfloat16Vector => vectors.Bfloat16Vector.ToByteArray(),
        DataType.Int8Vector => vectors.Int8Vector.ToByteArray(),
        _ => throw MilvusError.InvalidParameter($"unsupported vector type {type} of field {fieldName}"),
    };

    /// <summary>ArrayOfVector: one VectorField per row holding that row's element vectors.</summary>
    private static VectorArrayColumn DecodeVectorArray(FieldSchema field, FieldData data, int numRows, int present, bool[]? validity)
    {
        var dim = DimOf(field);
        var stride = DenseVectorColumn.BytesPerRowFor(field.ElementType, dim);
        var array = data.Vectors?.VectorArray;
        if (array is not null && array.Dim != 0 && array.Dim != dim)
            throw MilvusError.InvalidParameter($"the dim ({array.Dim}) of field data({field.Name}) is not equal to schema dim ({dim})", dim, array.Dim);
        var rows = Values(field, array?.Data, numRows, present).Select(v =>
        {
            var bytes = VectorBytes(field.ElementType, v, field.Name);
            if (bytes.Length % stride != 0)
                throw MilvusError.InvalidParameter($"the dim of vectors in field data({field.Name}) is not equal to schema dim ({dim})", dim, 0);
            return new DenseVectorColumn(field.ElementType, dim, bytes, bytes.Length / stride);
        }).ToArray();
        var empty = new DenseVectorColumn(field.ElementType, dim, [], 0);
        return new VectorArrayColumn(field.ElementType, dim, Expand(rows, validity, empty), validity);
    }

    private static void EncodeVectorArray(FieldSchema field, FieldData data, IReadOnlyList<(Column? Column, int Row)> rows)
    {
        var dim = DimOf(field);
        var array = new VectorArray { Dim = dim, ElementType = field.ElementType };
        foreach (var (c, r) in rows)
            array.Data.Add(EncodeVectors(field.ElementType, dim, c is VectorArrayColumn v ? v.Values[r].Bytes : []));
        data.Vectors = new VectorField { Dim = dim, VectorArray = array };
    }

    /// <summary>Sparse vectors; compact for a nullable field (rows of valid_data only), null rows read as empty rows.</summary>
    private static SparseVectorColumn DecodeSparse(FieldSchema field, FieldData data, int numRows, int present, bool[]? validity)
    {
        var contents = data.Vectors?.SparseFloatVector?.Contents;
        if (contents is null && !(validity is not null && present == 0))
            throw MilvusError.InvalidParameter($"field {field.Name} has no sparse vector data");
        var count = contents?.Count ?? 0;
        var expected = validity is null ? numRows : present;
        if (count != expected)
            throw MilvusError.InvalidParameter($"the num_rows ({count}) of field ({field.Name}) is not equal to passed num_rows ({expected})", expected, count);
        var rows = contents is null ? [] : contents.Select(c => SparseCodec.Decode(c.Span)).ToArray();
        return new SparseVectorColumn(Expand(rows, validity, new SparseRow([], [])), validity);
    }

    private static void EncodeSparse(FieldSchema field, FieldData data, IReadOnlyList<(Column? Column, int Row)> rows)
    {
        var array = new SparseFloatArray();
        long dim = 0;
        foreach (var (c, r) in PresentRows(field, rows))
        {
            var row = c is SparseVectorColumn s ? s.Values[r] : new SparseRow([], []);
            if (row.Indices.Length > 0) dim = Math.Max(dim, row.Indices[^1] + 1L);
            array.Contents.Add(ByteString.CopyFrom(SparseCodec.Encode(row)));
        }
        array.Dim = dim;
        data.Vectors = new VectorField { Dim = dim, SparseFloatVector = array };
    }
}

/// <summary>Milvus's sparse row bytes: (uint32 index, float32 value) pairs, little-endian, indices ascending.</summary>
internal static class SparseCodec
{
    public static SparseRow Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length % 8 != 0) throw MilvusError.InvalidParameter("invalid sparse float vector: length must be a multiple of 8");
        var count = bytes.Length / 8;
        var pairs = new (uint Index, float Value)[count];
        for (var i = 0; i < count; i++)
            pairs[i] = (BitConverter.ToUInt32(bytes.Slice(i * 8, 4)), BitConverter.ToSingle(bytes.Slice(i * 8 + 4, 4)));
        Array.Sort(pairs, (a, b) => a.Index.CompareTo(b.Index));
        for (var i = 1; i < count; i++)
            if (pairs[i].Index == pairs[i - 1].Index) throw MilvusError.InvalidParameter("invalid sparse float vector: duplicate index");
        foreach (var p in pairs)
            if (!float.IsFinite(p.Value)) throw MilvusError.InvalidParameter("invalid sparse float vector: value is not finite");
        return new SparseRow(pairs.Select(p => p.Index).ToArray(), pairs.Select(p => p.Value).ToArray());
    }

    public static byte[] Encode(SparseRow row)
    {
        var bytes = new byte[row.Indices.Length * 8];
        for (var i = 0; i < row.Indices.Length; i++)
        {
            BitConverter.TryWriteBytes(bytes.AsSpan(i * 8, 4), row.Indices[i]);
            BitConverter.TryWriteBytes(bytes.AsSpan(i * 8 + 4, 4), row.Values[i]);
        }
        return bytes;
    }
}
