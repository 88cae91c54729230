using Milvus.Local.Catalog;
using Milvus.Local.Columns;
using Milvus.Local.Errors;
using Milvus.Local.Expressions;
using Milvus.Protocol.Api;
using Milvus.Protocol.Schema;
using OpType = Milvus.Protocol.Schema.FieldPartialUpdateOp.Types.OpType;

namespace Milvus.Local.Data;

/// <summary>
/// Upsert field_ops (Milvus's array partial-update operators): ARRAY_APPEND concatenates the supplied elements
/// after the current ones, ARRAY_REMOVE drops every current element equal to a supplied one (IEEE equality, so
/// NaN never matches); REPLACE is the plain partial update. Validated as Milvus's validateFieldPartialUpdateOps.
/// </summary>
internal static class ArrayFieldOps
{
    /// <summary>The non-REPLACE ops of the request by field id; any of them makes the upsert a partial update.</summary>
    /// <exception cref="MilvusError">1100 with Milvus's text for each rule of validateFieldPartialUpdateOps</exception>
    public static IReadOnlyDictionary<long, OpType> Validate(CollectionMeta c, UpsertRequest request)
    {
        var ops = new Dictionary<long, OpType>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var op in request.FieldOps)
        {
            var name = op.FieldName;
            if (name.Length == 0) throw MilvusError.InvalidParameter("FieldPartialUpdateOp.field_name is required");
            if (!seen.Add(name)) throw MilvusError.InvalidParameter($"duplicate partial-update op for field \"{name}\"");
            if (op.Op == OpType.Replace) continue;
            if (c.PrimaryField.Name == name)
                throw MilvusError.InvalidParameter($"field \"{name}\" is the primary key and cannot carry a partial-update op");
            var field = c.Schema.Fields.FirstOrDefault(f => f.Name == name)
                ?? throw MilvusError.InvalidParameter($"field \"{name}\" not found in collection schema");
            if (op.Op is not (OpType.ArrayAppend or OpType.ArrayRemove))
                throw MilvusError.InvalidParameter($"unsupported partial update op: {(int)op.Op}");
            if (field.DataType != DataType.Array)
                throw MilvusError.InvalidParameter($"op {OpName(op.Op)} requires Array field, but field \"{name}\" is {TypeNames.Go(field.DataType)}");
            var data = request.FieldsData.FirstOrDefault(f => f.FieldName == name)
                ?? throw MilvusError.InvalidParameter($"partial-update op targets field \"{name}\" not present in fields_data");
            var given = data.Scalars?.ArrayData?.ElementType ?? DataType.None;
            if (given != DataType.None && given != field.ElementType)
                throw MilvusError.InvalidParameter(
                    $"field \"{name}\" expects element type {TypeNames.Go(field.ElementType)} but request provides {TypeNames.Go(given)}");
            if (op.Op == OpType.ArrayAppend) CheckPayloadCapacity(field, data);
            ops[field.FieldID] = op.Op;
        }
        return ops;
    }

    /// <summary>The array column to write: each supplied row merged into the row's current value (a null payload keeps it).</summary>
    public static ArrayColumn Apply(FieldSchema field, OpType op, ArrayColumn supplied, (Segment Segment, int Row)?[] existing)
    {
        var values = new Array[supplied.Length];
        var validity = new bool[supplied.Length];
        for (var row = 0; row < supplied.Length; row++)
        {
            var current = existing[row] is { } hit && hit.Segment.Column(field.FieldID) is ArrayColumn column && !column.IsNull(hit.Row)
                ? column.Values[hit.Row] : null;
            if (supplied.IsNull(row))
            {
                values[row] = current ?? supplied.Values[row];
                validity[row] = current is not null;
                continue;
            }
            values[row] = current is null ? supplied.Values[row]
                : op == OpType.ArrayAppend ? Append(current, supplied.Values[row])
                : Remove(current, supplied.Values[row]);
            validity[row] = true;
        }
        return new ArrayColumn(supplied.ElementType, values, supplied.Validity is null && validity.All(v => v) ? null : validity);
    }

    private static string OpName(OpType op) => op == OpType.ArrayAppend ? "ARRAY_APPEND" : "ARRAY_REMOVE";

    private static void CheckPayloadCapacity(FieldSchema field, FieldData data)
    {
        if (SchemaValidator.IntParam(field, "max_capacity") is not { } capacity || capacity <= 0) return;
        var rows = data.Scalars?.ArrayData?.Data ?? [];
        for (var row = 0; row < rows.Count; row++)
        {
            var length = ColumnCodec.DecodeArrayRow(field.ElementType, rows[row]).Length;
            if (length > capacity)
                throw MilvusError.InvalidParameter(
                    $"ARRAY_APPEND payload for field \"{field.Name}\" row {row} has length {length} exceeding max_capacity {capacity}");
        }
    }

    private static Array Append(Array current, Array payload)
    {
        var merged = Array.CreateInstance(current.GetType().GetElementType()!, current.Length + payload.Length);
        Array.Copy(current, merged, current.Length);
        Array.Copy(payload, 0, merged, current.Length, payload.Length);
        return merged;
    }

    private static Array Remove(Array current, Array payload) => (current, payload) switch
    {
        (float[] c, float[] p) => c.Where(v => !p.Any(x => x == v)).ToArray(),
        (double[] c, double[] p) => c.Where(v => !p.Any(x => x == v)).ToArray(),
        (long[] c, long[] p) => c.Where(v => !p.Contains(v)).ToArray(),
        (bool[] c, bool[] p) => c.Where(v => !p.Contains(v)).ToArray(),
        (string[] c, string[] p) => c.Where(v => !p.Contains(v, StringComparer.Ordinal)).ToArray(),
        _ => current,
    };
}
