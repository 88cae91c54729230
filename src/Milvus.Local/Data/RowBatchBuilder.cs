using System.Text;
using System.Text.Json.Nodes;
using Milvus.Local.Catalog;
using Milvus.Local.Columns;
using Milvus.Local.Errors;
using Milvus.Protocol.Schema;

namespace Milvus.Local.Data;

/// <summary>How rows are being written: fields an upsert with partial_update omits keep their current values.</summary>
internal enum WriteMode { Insert, Upsert, PartialUpsert }

/// <summary>
/// Turns the column-wise FieldData of an Insert/Upsert into a validated <see cref="RowBatch"/>: every schema
/// field present (defaults and nulls filled in, auto_id keys allocated, partial updates merged), values checked.
/// </summary>
internal static class RowBatchBuilder
{
    /// <param name="existingRow">For partial upserts: where the current row of a primary key lives (null when new).</param>
    /// <param name="arrayOps">For partial upserts: the array fields whose supplied values merge into the current ones.</param>
    public static RowBatch Build(CollectionMeta c, IList<FieldData> fieldsData, uint numRows, WriteMode mode,
        Func<int, long> allocateIds, Func<object, (Segment Segment, int Row)?>? existingRow = null,
        IReadOnlyDictionary<long, FieldPartialUpdateOp.Types.OpType>? arrayOps = null)
    {
        var schema = c.Schema;
        var pkField = c.PrimaryField;
        var supplied = MapSupplied(c, fieldsData);
        var n = (int)numRows;
        if (n == 0 && supplied.Count > 0) n = RowsOf(supplied.First().Value);
        if (n <= 0) throw MilvusError.InvalidParameter("num_rows should be greater than 0", "invalid num_rows", n);

        if (pkField.AutoID && supplied.ContainsKey(pkField.FieldID) && mode == WriteMode.Insert
            && PropertyBag.Get(c.Properties, "allow_insert_auto_id") != "true")
            throw MilvusError.InvalidParameter($"can not assign primary field data when auto id enabled and allow_insert_auto_id is false {pkField.Name}");
        if (mode != WriteMode.Insert && !supplied.ContainsKey(pkField.FieldID))
            throw MilvusError.InvalidParameter($"must assign pk when upsert, primary field: {pkField.Name}");

        var columns = new Dictionary<long, Column>();
        var timezone = TimestamptzValues.CollectionTimezone(c.Properties);
        foreach (var (fieldId, data) in supplied)
        {
            var field = schema.StorageFields().First(f => f.FieldID == fieldId);
            var column = ColumnCodec.Decode(field, field.DataType == DataType.Timestamptz ? TimestamptzValues.ToMicros(data, timezone) : data, n);
            if (column.Validity is not null && !field.Nullable && field.DefaultValue is null)
                throw MilvusError.InvalidParameter($"the field ({field.Name}) is not nullable but has null values");
            if (column.Validity is not null && field.DefaultValue is not null) column = FillFromDefault(field, column, n);
            RowValueRules.Check(field, column);
            columns[fieldId] = column;
        }
        foreach (var s in schema.StructArrayFields.Where(s => s.Fields.All(f => columns.ContainsKey(f.FieldID))))
            StructArrayCodec.CheckElementCounts(s, columns, n);
        if (!columns.ContainsKey(pkField.FieldID)) columns[pkField.FieldID] = GenerateKeys(pkField, n, allocateIds);
        var keys = Enumerable.Range(0, n).Select(row => PrimaryKeys.At(columns[pkField.FieldID], row)).ToArray();

        FullText.Bm25Function.Fill(schema, columns);
        var existing = mode == WriteMode.PartialUpsert && existingRow is not null ? keys.Select(existingRow).ToArray() : null;
        if (existing is not null && arrayOps is not null)
            foreach (var (fieldId, op) in arrayOps)
            {
                var field = schema.Fields.First(f => f.FieldID == fieldId);
                var merged = ArrayFieldOps.Apply(field, op, (ArrayColumn)columns[fieldId], existing);
                RowValueRules.Check(field, merged);
                columns[fieldId] = merged;
            }
        foreach (var field in schema.StorageFields())
        {
            if (existing is not null && field.IsDynamic && columns.TryGetValue(field.FieldID, out var newMeta))
                columns[field.FieldID] = MergeDynamic(field, (JsonColumn)newMeta, existing, n);
            if (columns.ContainsKey(field.FieldID)) continue;
            columns[field.FieldID] = existing is not null
                ? FromExisting(field, existing, n)
                : Missing(schema, field, n);
        }
        return new RowBatch(n, columns, keys);
    }

    private static Dictionary<long, FieldData> MapSupplied(CollectionMeta c, IList<FieldData> fieldsData)
    {
        var result = new Dictionary<long, FieldData>();
        foreach (var data in fieldsData)
        {
            if (c.Schema.FindStruct(data.FieldName) is { } structField)
            {
                foreach (var (sub, subData) in StructArrayCodec.Split(structField, data))
                    if (!result.TryAdd(sub.FieldID, subData)) throw MilvusError.InvalidParameter($"duplicated field name {structField.Name} found");
                continue;
            }
            var field = data.IsDynamic || data.FieldName == SchemaValidator.DynamicFieldName
                ? c.Schema.Fields.FirstOrDefault(f => f.IsDynamic)
                  ?? throw MilvusError.InvalidParameter($"the collection {c.Name} does not enable dynamic field, but dynamic data was passed")
                : c.FindField(data.FieldName) ?? throw MilvusError.InvalidParameter($"fieldName {data.FieldName} not exist in collection schema");
            if (field.IsFunctionOutput) throw MilvusError.InvalidParameter($"not allow to set function output field {field.Name}");
            if (!result.TryAdd(field.FieldID, data)) throw MilvusError.InvalidParameter($"duplicated field name {field.Name} found");
        }
        return result;
    }

    private static int RowsOf(FieldData data) => data.FieldCase switch
    {
        FieldData.FieldOneofCase.Scalars => data.ValidData.Count > 0 ? data.ValidData.Count : data.Scalars.DataCase switch
        {
            ScalarField.DataOneofCase.BoolData => data.Scalars.BoolData.Data.Count,
            ScalarField.DataOneofCase.IntData => data.Scalars.IntData.Data.Count,
            ScalarField.DataOneofCase.LongData => data.Scalars.LongData.Data.Count,
            ScalarField.DataOneofCase.FloatData => data.Scalars.FloatData.Data.Count,
            ScalarField.DataOneofCase.DoubleData => data.Scalars.DoubleData.Data.Count,
            ScalarField.DataOneofCase.StringData => data.Scalars.StringData.Data.Count,
            ScalarField.DataOneofCase.JsonData => data.Scalars.JsonData.Data.Count,
            ScalarField.DataOneofCase.ArrayData => data.Scalars.ArrayData.Data.Count,
            _ => 0,
        },
        // A nullable vector field's payload is compact: valid_data counts the rows.
        FieldData.FieldOneofCase.Vectors when data.ValidData.Count > 0 => data.ValidData.Count,
        FieldData.FieldOneofCase.Vectors when data.Vectors.Dim > 0 => data.Vectors.DataCase switch
        {
            VectorField.DataOneofCase.FloatVector => data.Vectors.FloatVector.Data.Count / (int)data.Vectors.Dim,
            VectorField.DataOneofCase.BinaryVector => data.Vectors.BinaryVector.Length / (int)(data.Vectors.Dim / 8),
            VectorField.DataOneofCase.Float16Vector => data.Vectors.Float16Vector.Length / (int)(data.Vectors.Dim * 2),
            VectorField.DataOneofCase.Bfloat16Vector => data.Vectors.Bfloat16Vector.Length / (int)(data.Vectors.Dim * 2),
            VectorField.DataOneofCase.Int8Vector => data.Vectors.Int8Vector.Length / (int)data.Vectors.Dim,
            VectorField.DataOneofCase.SparseFloatVector => data.Vectors.SparseFloatVector.Contents.Count,
            VectorField.DataOneofCase.VectorArray => data.Vectors.VectorArray.Data.Count,
            _ => 0,
        },
        FieldData.FieldOneofCase.Vectors => data.Vectors.SparseFloatVector?.Contents.Count ?? 0,
        _ => 0,
    };

    private static Column GenerateKeys(FieldSchema pk, int n, Func<int, long> allocateIds)
    {
        if (!pk.AutoID) throw MilvusError.InvalidParameter($"fieldSchema({pk.Name}) has no corresponding fieldData pass in");
        var first = allocateIds(n);
        var ids = Enumerable.Range(0, n).Select(i => first + i).ToArray();
        return pk.DataType == DataType.Int64
            ? new Int64Column(DataType.Int64, ids)
            : new StringColumn(DataType.VarChar, ids.Select(i => i.ToString()).ToArray());
    }

    /// <summary>A column for a field the request omitted: its default, nulls, or "{}" for the dynamic field.</summary>
    private static Column Missing(CollectionSchema schema, FieldSchema field, int n)
    {
        if (schema.StructOf(field.FieldID) is { } owner && !field.Nullable)
            throw MilvusError.InvalidParameter($"fieldSchema({owner.Name}) has no corresponding fieldData pass in");
        if (field.IsDynamic) return new JsonColumn(Enumerable.Range(0, n).Select(_ => "{}"u8.ToArray()).ToArray());
        if (!field.Nullable && field.DefaultValue is null)
            throw MilvusError.InvalidParameter($"fieldSchema({field.Name}) has no corresponding fieldData pass in");
        return FillFromDefault(field, null, n);
    }

    /// <summary>Null rows take the field's default value (Milvus stores the default instead of null).</summary>
    private static Column FillFromDefault(FieldSchema field, Column? column, int n)
    {
        var rows = Enumerable.Range(0, n).Select(r => (column is null || column.IsNull(r) ? null : column, r)).ToList();
        var data = ColumnCodec.Encode(field, rows);
        if (field.DefaultValue is not null) data.ValidData.Clear();
        return ColumnCodec.Decode(field, data, n);
    }

    private static Column FromExisting(FieldSchema field, (Segment Segment, int Row)?[] existing, int n)
    {
        if (existing.Any(e => e is null) && !field.Nullable && field.DefaultValue is null && !field.IsDynamic)
            throw MilvusError.InvalidParameter($"fieldSchema({field.Name}) has no corresponding fieldData pass in");
        var rows = existing.Select((e, r) => e is { } hit ? (hit.Segment.Column(field.FieldID), hit.Row) : ((Column?)null, r)).ToList();
        if (field.IsDynamic && rows.Any(r => r.Item1 is null))
            return new JsonColumn(rows.Select(r => r.Item1 is JsonColumn j ? j.Values[r.Item2] : "{}"u8.ToArray()).ToArray());
        var data = ColumnCodec.Encode(field, rows);
        if (field.DefaultValue is not null && !field.Nullable) data.ValidData.Clear();
        return ColumnCodec.Decode(field, data, n);
    }

    /// <summary>Partial update of the dynamic field: supplied keys replace, other current keys stay.</summary>
    private static JsonColumn MergeDynamic(FieldSchema field, JsonColumn supplied, (Segment Segment, int Row)?[] existing, int n)
    {
        var merged = new byte[n][];
        for (var row = 0; row < n; row++)
        {
            if (existing[row] is not { } hit || hit.Segment.Column(field.FieldID) is not JsonColumn current) { merged[row] = supplied.Values[row]; continue; }
            var target = JsonNode.Parse(current.Values[hit.Row]) as JsonObject ?? new JsonObject();
            if (JsonNode.Parse(supplied.Values[row]) is JsonObject updates)
                foreach (var (key, value) in updates.ToList())
                {
                    updates.Remove(key);
                    target[key] = value;
                }
            merged[row] = Encoding.UTF8.GetBytes(target.ToJsonString());
        }
        return new JsonColumn(merged);
    }
}
