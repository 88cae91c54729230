using System.Text.Json;
using Milvus.Protocol.Schema;

namespace Milvus.Client.Internal.Conversion;

/// <summary>Reads a FieldData column back into per-row CLR values (pymilvus <c>field_data_extractors</c>).</summary>
internal static class FieldDataReader
{
    /// <summary>Row values of a column; null where valid_data says so. Works for full-length and compacted payloads.</summary>
    public static object?[] Read(FieldData data, int rowCount)
    {
        if (data.FieldCase == FieldData.FieldOneofCase.StructArrays) return ReadStructs(data, rowCount);
        var values = new object?[rowCount];
        var payload = PayloadLength(data);
        var hasValidity = data.ValidData.Count == rowCount && rowCount > 0;
        var compacted = hasValidity && payload < rowCount;
        var slot = 0;
        for (var row = 0; row < rowCount; row++)
        {
            if (hasValidity && !data.ValidData[row])
            {
                values[row] = null;
                continue;
            }
            var index = compacted ? slot++ : row;
            values[row] = index < payload ? ValueAt(data, index) : null;
        }
        return values;
    }

    /// <summary>ARRAY of STRUCT: per row a list of dictionaries, element i taking each sub-field's i-th value.</summary>
    private static object?[] ReadStructs(FieldData data, int rowCount)
    {
        var columns = data.StructArrays.Fields.Select(f => (f.FieldName, Values: Read(f, rowCount))).ToList();
        var rows = new object?[rowCount];
        for (var row = 0; row < rowCount; row++)
        {
            if (columns.Count == 0 || columns.Any(c => c.Values[row] is null)) continue;
            var count = columns.Max(c => ((List<object?>)c.Values[row]!).Count);
            var elements = new List<Dictionary<string, object?>>(count);
            for (var i = 0; i < count; i++)
                elements.Add(columns.ToDictionary(c => c.FieldName, c => ((List<object?>)c.Values[row]!).ElementAtOrDefault(i), StringComparer.Ordinal));
            rows[row] = elements;
        }
        return rows;
    }

    /// <summary>One row of an ArrayOfVector column: its vectors, each as the element type's value.</summary>
    private static List<object?> VectorArrayRow(VectorArray array, int i)
    {
        var row = array.Data[i].Clone();
        if (row.Dim == 0) row.Dim = array.Dim;
        var column = new FieldData { Type = array.ElementType, Vectors = row };
        return Read(column, PayloadLength(column)).ToList();
    }

    private static long Dim(FieldData data) => data.Vectors?.Dim ?? 0;

    public static int PayloadLength(FieldData data)
    {
        if (data.Scalars is { } s)
        {
            return s.DataCase switch
            {
                ScalarField.DataOneofCase.BoolData => s.BoolData.Data.Count,
                ScalarField.DataOneofCase.IntData => s.IntData.Data.Count,
                ScalarField.DataOneofCase.LongData => s.LongData.Data.Count,
                ScalarField.DataOneofCase.FloatData => s.FloatData.Data.Count,
                ScalarField.DataOneofCase.DoubleData => s.DoubleData.Data.Count,
                ScalarField.DataOneofCase.StringData => s.StringData.Data.Count,
                ScalarField.DataOneofCase.BytesData => s.BytesData.Data.Count,
                ScalarField.DataOneofCase.ArrayData => s.ArrayData.Data.Count,
                ScalarField.DataOneofCase.JsonData => s.JsonData.Data.Count,
                ScalarField.DataOneofCase.GeometryData => s.GeometryData.Data.Count,
                ScalarField.DataOneofCase.GeometryWktData => s.GeometryWktData.Data.Count,
                ScalarField.DataOneofCase.TimestamptzData => s.TimestamptzData.Data.Count,
                _ => 0,
            };
        }
        if (data.Vectors is { } v)
        {
            var dim = Math.Max(1, v.Dim);
            return v.DataCase switch
            {
                VectorField.DataOneofCase.FloatVector => (int)(v.FloatVector.Data.Count / dim),
                VectorField.DataOneofCase.BinaryVector => (int)(v.BinaryVector.Length / Math.Max(1, dim / 8)),
                VectorField.DataOneofCase.Float16Vector => (int)(v.Float16Vector.Length / (dim * 2)),
                VectorField.DataOneofCase.Bfloat16Vector => (int)(v.Bfloat16Vector.Length / (dim * 2)),
                VectorField.DataOneofCase.Int8Vector => (int)(v.Int8Vector.Length / dim),
                VectorField.DataOneofCase.SparseFloatVector => v.SparseFloatVector.Contents.Count,
                VectorField.DataOneofCase.VectorArray => v.VectorArray.Data.Count,
                _ => 0,
            };
        }
        return 0;
    }

    private static object? ValueAt(FieldData data, int i)
    {
        if (data.Scalars is { } s) return ScalarAt(s, i, data.Type);
        var v = data.Vectors;
        var dim = (int)Dim(data);
        return v.DataCase switch
        {
            VectorField.DataOneofCase.FloatVector => v.FloatVector.Data.Skip(i * dim).Take(dim).ToArray(),
            VectorField.DataOneofCase.BinaryVector => v.BinaryVector.Span.Slice(i * (dim / 8), dim / 8).ToArray(),
            VectorField.DataOneofCase.Float16Vector => v.Float16Vector.Span.Slice(i * dim * 2, dim * 2).ToArray(),
            VectorField.DataOneofCase.Bfloat16Vector => v.Bfloat16Vector.Span.Slice(i * dim * 2, dim * 2).ToArray(),
            VectorField.DataOneofCase.Int8Vector => v.Int8Vector.Span.Slice(i * dim, dim).ToArray(),
            VectorField.DataOneofCase.SparseFloatVector => ValueCoercion.DecodeSparse(v.SparseFloatVector.Contents[i].Span),
            VectorField.DataOneofCase.VectorArray => VectorArrayRow(v.VectorArray, i),
            _ => null,
        };
    }

    private static object? ScalarAt(ScalarField s, int i, Milvus.Protocol.Schema.DataType type) => s.DataCase switch
    {
        ScalarField.DataOneofCase.BoolData => s.BoolData.Data[i],
        ScalarField.DataOneofCase.IntData => type switch
        {
            Milvus.Protocol.Schema.DataType.Int8 => (object)(sbyte)s.IntData.Data[i],
            Milvus.Protocol.Schema.DataType.Int16 => (short)s.IntData.Data[i],
            _ => s.IntData.Data[i],
        },
        ScalarField.DataOneofCase.LongData => s.LongData.Data[i],
        ScalarField.DataOneofCase.FloatData => s.FloatData.Data[i],
        ScalarField.DataOneofCase.DoubleData => s.DoubleData.Data[i],
        ScalarField.DataOneofCase.StringData when type == Milvus.Protocol.Schema.DataType.Timestamptz => ParseTimestamptz(s.StringData.Data[i]),
        ScalarField.DataOneofCase.StringData => s.StringData.Data[i],
        ScalarField.DataOneofCase.BytesData => s.BytesData.Data[i].ToByteArray(),
        ScalarField.DataOneofCase.JsonData => ParseJson(s.JsonData.Data[i].Span),
        ScalarField.DataOneofCase.GeometryWktData => s.GeometryWktData.Data[i],
        ScalarField.DataOneofCase.GeometryData => s.GeometryData.Data[i].ToByteArray(),
        ScalarField.DataOneofCase.TimestamptzData => DateTimeOffset.UnixEpoch.AddTicks(s.TimestamptzData.Data[i] * 10),
        ScalarField.DataOneofCase.ArrayData => ArrayRow(s.ArrayData.Data[i], s.ArrayData.ElementType),
        _ => null,
    };

    /// <summary>Milvus returns TIMESTAMPTZ as RFC 3339 text in the request's timezone: kept as a DateTimeOffset with that offset.</summary>
    private static object ParseTimestamptz(string text) =>
        DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var value)
            ? value : text;

    private static List<object?> ArrayRow(ScalarField row, Milvus.Protocol.Schema.DataType elementType)
    {
        var column = new FieldData { Type = elementType, Scalars = row };
        var n = PayloadLength(column);
        var list = new List<object?>(n);
        for (var i = 0; i < n; i++) list.Add(ScalarAt(row, i, elementType));
        return list;
    }

    public static JsonElement? ParseJson(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty) return null;
        var reader = new Utf8JsonReader(bytes);
        return JsonElement.ParseValue(ref reader);
    }

    /// <summary>Expands <c>$meta</c> (dynamic field) JSON into top-level keys; existing keys win.</summary>
    public static void MergeDynamic(Dictionary<string, object?> row, JsonElement? meta, IReadOnlySet<string>? only)
    {
        if (meta is not { ValueKind: JsonValueKind.Object } m) return;
        foreach (var p in m.EnumerateObject())
        {
            if (only is not null && !only.Contains(p.Name)) continue;
            row.TryAdd(p.Name, p.Value.Clone());
        }
    }
}
