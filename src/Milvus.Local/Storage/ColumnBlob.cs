using System.Runtime.InteropServices;
using Google.Protobuf;
using Milvus.Local.Columns;
using Milvus.Local.Data;
using Milvus.Protocol.Schema;

namespace Milvus.Local.Storage;

/// <summary>
/// How a column is stored in its segment_columns blob. Dense vectors without nulls and the row timestamps are raw
/// little-endian arrays (<see cref="Raw"/>): a loaded vector column is the blob's byte array itself, with no decoding
/// and no second copy (Milvus's binlogs are likewise plain arrays). Everything else, and every column of a file
/// written before raw columns existed, is a serialized <see cref="FieldData"/> (<see cref="Protobuf"/>).
/// </summary>
internal static class ColumnBlob
{
    /// <summary>A serialized schema.FieldData (every column of files written before raw columns).</summary>
    public const int Protobuf = 0;

    /// <summary>The column's values as a little-endian array: the bytes of a DenseVectorColumn, or int64 timestamps.</summary>
    public const int Raw = 1;

    /// <summary>A raw column written in parts ahead of its segment's commit (column_parts); the blob itself is empty.</summary>
    public const int Parts = 2;

    /// <summary>One stored column: field id, format and bytes.</summary>
    public readonly record struct Stored(long FieldId, int Format, byte[] Bytes);

    static ColumnBlob()
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("the local engine stores little-endian columns");
    }

    /// <summary>The blob of a column: raw when it is a dense vector column without nulls, else its encoded FieldData.</summary>
    public static Stored Of(long fieldId, Column column, FieldData encoded)
        => column is DenseVectorColumn { Validity: null } dense ? new(fieldId, Raw, dense.Array ?? dense.Bytes.ToArray()) : new(fieldId, Protobuf, encoded.ToByteArray());

    /// <summary>The blob of the row timestamps.</summary>
    public static Stored OfTimestamps(long[] timestamps) => new(Segment.TimestampFieldId, Raw, MemoryMarshal.AsBytes(timestamps.AsSpan()).ToArray());

    /// <summary>Reads a column back; a raw vector blob becomes the column's storage as it is.</summary>
    public static Column Decode(FieldSchema field, int format, byte[] bytes, int rowCount)
    {
        if (format == Raw && Catalog.VectorTypes.IsVector(field.DataType) && field.DataType is not (DataType.SparseFloatVector or DataType.ArrayOfVector))
            return new DenseVectorColumn(field.DataType, ColumnCodec.DimOf(field), bytes, rowCount);
        return ColumnCodec.Decode(field, Parse(format, bytes), rowCount);
    }

    public static long[] DecodeTimestamps(int format, byte[] bytes)
        => format == Raw ? MemoryMarshal.Cast<byte, long>(bytes).ToArray() : Parse(format, bytes).Scalars.LongData.Data.ToArray();

    private static FieldData Parse(int format, byte[] bytes)
        => format == Protobuf ? FieldData.Parser.ParseFrom(bytes) : throw new InvalidDataException($"unknown column format {format} (written by a newer engine)");
}
