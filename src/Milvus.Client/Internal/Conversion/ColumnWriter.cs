using System.Collections;
using Google.Protobuf;
using Milvus.Protocol.Schema;

namespace Milvus.Client.Internal.Conversion;

/// <summary>Accumulates one field's values into a FieldData column (pymilvus <c>entity_to_field_data</c>).</summary>
internal sealed class ColumnWriter
{
    private readonly FieldSchema _field;
    private readonly FieldData _data;
    private readonly bool _tracksValidity;
    private readonly List<float> _floats = new();
    private readonly MemoryStream _bytes = new();
    private int _rows;
    private long _dim;
    private bool _halfAsFloat;

    public ColumnWriter(FieldSchema field)
    {
        _field = field;
        _tracksValidity = field.Nullable || field.HasDefaultValue;
        _data = new FieldData { FieldName = field.Name, Type = (Milvus.Protocol.Schema.DataType)(int)field.DataType, FieldId = field.FieldId };
        if (SchemaConverter.IsVector(field.DataType)) _data.Vectors = new VectorField();
        else _data.Scalars = NewScalarField(field.DataType, field.ElementType);
        if (field.Dim is { } d) _dim = d;
    }

    /// <summary>Adds one row's value; null (or a missing key) becomes valid_data=false when the field allows it.</summary>
    public void Add(object? value, bool present)
    {
        _rows++;
        if (value is null)
        {
            if (!_tracksValidity)
                throw new DataNotMatchException(present
                    ? ExceptionMessages.FieldDataInconsistent(_field.Name, ExceptionMessages.TypeName(_field.DataType), null)
                    : ExceptionMessages.InsertMissedField(_field.Name));
            _data.ValidData.Add(false);
            return;
        }
        if (_tracksValidity) _data.ValidData.Add(true);
        Append(value);
    }

    public FieldData Build()
    {
        if (_data.Vectors is { } v)
        {
            switch (_field.DataType)
            {
                case Milvus.Client.DataType.FloatVector:
                    v.FloatVector = new FloatArray(); v.FloatVector.Data.AddRange(_floats); break;
                case Milvus.Client.DataType.Float16Vector or Milvus.Client.DataType.BFloat16Vector when _halfAsFloat:
                    v.FloatVector = new FloatArray(); v.FloatVector.Data.AddRange(_floats); break;
                case Milvus.Client.DataType.Float16Vector: v.Float16Vector = ByteString.CopyFrom(_bytes.ToArray()); break;
                case Milvus.Client.DataType.BFloat16Vector: v.Bfloat16Vector = ByteString.CopyFrom(_bytes.ToArray()); break;
                case Milvus.Client.DataType.BinaryVector: v.BinaryVector = ByteString.CopyFrom(_bytes.ToArray()); break;
                case Milvus.Client.DataType.Int8Vector: v.Int8Vector = ByteString.CopyFrom(_bytes.ToArray()); break;
                case Milvus.Client.DataType.SparseFloatVector: v.SparseFloatVector ??= new SparseFloatArray(); v.SparseFloatVector.Dim = _dim; break;
            }
            v.Dim = _dim;
        }
        return _data;
    }

    private DataNotMatchException Mismatch(object? value)
        => new(ExceptionMessages.FieldDataInconsistent(_field.Name, ExceptionMessages.TypeName(_field.DataType), value));

    private void Append(object value)
    {
        var s = _data.Scalars;
        switch (_field.DataType)
        {
            case Milvus.Client.DataType.Bool:
                s.BoolData.Data.Add(ValueCoercion.TryBool(value, out var b) ? b : throw Mismatch(value)); break;
            case Milvus.Client.DataType.Int8 or Milvus.Client.DataType.Int16 or Milvus.Client.DataType.Int32:
                s.IntData.Data.Add(ValueCoercion.TryLong(value, out var i) ? CheckedInt(i, value) : throw Mismatch(value)); break;
            case Milvus.Client.DataType.Int64:
                s.LongData.Data.Add(ValueCoercion.TryLong(value, out var l) ? l : throw Mismatch(value)); break;
            case Milvus.Client.DataType.Float:
                s.FloatData.Data.Add(ValueCoercion.TryDouble(value, out var f) ? (float)f : throw Mismatch(value)); break;
            case Milvus.Client.DataType.Double:
                s.DoubleData.Data.Add(ValueCoercion.TryDouble(value, out var d) ? d : throw Mismatch(value)); break;
            case Milvus.Client.DataType.VarChar or Milvus.Client.DataType.String or Milvus.Client.DataType.Text:
                s.StringData.Data.Add(CheckedString(value)); break;
            case Milvus.Client.DataType.Timestamptz:
                s.StringData.Data.Add(ValueCoercion.TryTimestamptz(value, out var ts) ? ts : throw Mismatch(value)); break;
            case Milvus.Client.DataType.Geometry:
                s.GeometryWktData.Data.Add(ValueCoercion.TryString(value, out var wkt) ? wkt : throw Mismatch(value)); break;
            case Milvus.Client.DataType.Json:
                s.JsonData.Data.Add(ByteString.CopyFrom(ValueCoercion.ToJsonBytes(value, _field.Name))); break;
            case Milvus.Client.DataType.Array:
                s.ArrayData.Data.Add(ToArrayRow(value)); break;
            case Milvus.Client.DataType.FloatVector:
                AppendFloatRow(value); break;
            case Milvus.Client.DataType.Float16Vector or Milvus.Client.DataType.BFloat16Vector:
                AppendHalfRow(value); break;
            case Milvus.Client.DataType.BinaryVector:
                if (!ValueCoercion.TryBytes(value, out var bin)) throw Mismatch(value);
                _bytes.Write(bin);
                if (_dim == 0) _dim = bin.Length * 8;
                break;
            case Milvus.Client.DataType.Int8Vector:
                if (!ValueCoercion.TryInt8Vector(value, out var i8)) throw Mismatch(value);
                _bytes.Write(i8);
                if (_dim == 0) _dim = i8.Length;
                break;
            case Milvus.Client.DataType.SparseFloatVector:
                if (!ValueCoercion.TrySparse(value, out var sparse)) throw Mismatch(value);
                _data.Vectors.SparseFloatVector ??= new SparseFloatArray();
                _data.Vectors.SparseFloatVector.Contents.Add(ByteString.CopyFrom(ValueCoercion.EncodeSparse(sparse)));
                if (sparse.Count > 0) _dim = Math.Max(_dim, sparse.Keys.Max() + 1L);
                break;
            default:
                throw new DataTypeNotSupportException($"Data type is not support: {_field.DataType} (field {_field.Name})");
        }
    }

    private int CheckedInt(long value, object original)
    {
        var (min, max) = _field.DataType switch
        {
            Milvus.Client.DataType.Int8 => (sbyte.MinValue, (long)sbyte.MaxValue),
            Milvus.Client.DataType.Int16 => (short.MinValue, (long)short.MaxValue),
            _ => (int.MinValue, (long)int.MaxValue),
        };
        if (value < min || value > max) throw Mismatch(original);
        return (int)value;
    }

    private string CheckedString(object value)
    {
        if (!ValueCoercion.TryString(value, out var text)) throw Mismatch(value);
        if (_field.MaxLength is { } max)
        {
            var length = text.Length > max ? text.EnumerateRunes().Count() : text.Length;
            if (length > max) throw new ParamError(ExceptionMessages.StringTooLong(_field.Name, length, max));
        }
        return text;
    }

    private void AppendFloatRow(object value)
    {
        if (!ValueCoercion.TryFloatVector(value, out var row)) throw Mismatch(value);
        if (_dim == 0) _dim = row.Length;
        _floats.AddRange(row);
    }

    private void AppendHalfRow(object value)
    {
        if (value is Half[] halves && _field.DataType == Milvus.Client.DataType.BFloat16Vector)
        {
            value = Array.ConvertAll(halves, h => (float)h);
        }
        if (ValueCoercion.TryHalfBytes(value, out var raw))
        {
            _bytes.Write(raw);
            if (_dim == 0) _dim = raw.Length / 2;
            return;
        }
        // Lists of floats travel as fp32 under the fp16/bf16 type; the server converts.
        if (!ValueCoercion.TryFloatVector(value, out var row)) throw Mismatch(value);
        _halfAsFloat = true;
        if (_dim == 0) _dim = row.Length;
        _floats.AddRange(row);
    }

    private ScalarField ToArrayRow(object value)
    {
        if (value is string || value is not IEnumerable items) throw Mismatch(value);
        var element = new FieldSchema(_field.Name, _field.ElementType) { MaxLength = _field.MaxLength };
        var writer = new ColumnWriter(element);
        var count = 0;
        foreach (var item in items)
        {
            writer.Add(item ?? throw Mismatch(value), true);
            count++;
        }
        if (_field.MaxCapacity is { } cap && count > cap)
            throw new ParamError($"invalid input of field ({_field.Name}), array length exceeds max capacity. length: {count}, max capacity: {cap}");
        return writer._data.Scalars;
    }

    public static ScalarField NewScalarField(Milvus.Client.DataType type, Milvus.Client.DataType elementType) => type switch
    {
        Milvus.Client.DataType.Bool => new ScalarField { BoolData = new BoolArray() },
        Milvus.Client.DataType.Int8 or Milvus.Client.DataType.Int16 or Milvus.Client.DataType.Int32 => new ScalarField { IntData = new IntArray() },
        Milvus.Client.DataType.Int64 => new ScalarField { LongData = new LongArray() },
        Milvus.Client.DataType.Float => new ScalarField { FloatData = new FloatArray() },
        Milvus.Client.DataType.Double => new ScalarField { DoubleData = new DoubleArray() },
        Milvus.Client.DataType.VarChar or Milvus.Client.DataType.String or Milvus.Client.DataType.Text or Milvus.Client.DataType.Timestamptz
            => new ScalarField { StringData = new StringArray() },
        Milvus.Client.DataType.Geometry => new ScalarField { GeometryWktData = new GeometryWktArray() },
        Milvus.Client.DataType.Json => new ScalarField { JsonData = new JSONArray() },
        Milvus.Client.DataType.Array => new ScalarField { ArrayData = new ArrayArray { ElementType = (Milvus.Protocol.Schema.DataType)(int)elementType } },
        _ => new ScalarField(),
    };
}
