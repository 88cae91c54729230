using Google.Protobuf;
using Milvus.Protocol.Schema;

namespace Milvus.Client.Internal.Conversion;

/// <summary>Rows (field name → value) to columnar FieldData for insert and upsert (pymilvus <c>_prepare_row_insert_or_upsert</c>).</summary>
internal static class RowConverter
{
    public static List<FieldData> ToColumns(CollectionInfo info, IReadOnlyList<IReadOnlyDictionary<string, object?>> rows, bool isUpsert,
        bool partialUpdate)
    {
        var columns = SelectColumns(info, rows, isUpsert, partialUpdate);
        var writers = columns.Select(f => new ColumnWriter(f)).ToList();
        var structs = info.Fields.Where(IsStruct).Where(f => !partialUpdate || rows.Any(r => r.ContainsKey(f.Name)))
            .Select(f => new StructColumnWriter(f)).ToList();
        var known = new HashSet<string>(columns.Select(c => c.Name).Concat(structs.Select(s => s.Name)), StringComparer.Ordinal);
        var dynamicRows = info.EnableDynamicField ? new List<Dictionary<string, object?>>(rows.Count) : null;

        foreach (var row in rows)
        {
            Dictionary<string, object?>? extras = null;
            foreach (var (key, value) in row)
            {
                if (known.Contains(key)) continue;
                if (info.FunctionOutputs.Contains(key))
                    throw new DataNotMatchException($"Attempt to insert an unexpected function output field `{key}` to collection");
                if (info.Field(key) is { } field && field.IsPrimary && field.AutoId)
                    throw new DataNotMatchException(ExceptionMessages.FieldsNumInconsistent);
                if (info.Field(key) is not null) continue;
                if (dynamicRows is null) throw new DataNotMatchException(ExceptionMessages.InsertUnexpectedField(key));
                (extras ??= new Dictionary<string, object?>(StringComparer.Ordinal))[key] = ValueCoercion.ToJsonTree(value);
            }
            for (var i = 0; i < columns.Count; i++)
            {
                var present = row.TryGetValue(columns[i].Name, out var value);
                writers[i].Add(present ? value : null, present);
            }
            foreach (var writer in structs) writer.Add(row.TryGetValue(writer.Name, out var value) ? value : null, row.ContainsKey(writer.Name));
            dynamicRows?.Add(extras ?? new Dictionary<string, object?>());
        }

        var result = writers.Select(w => w.Build()).Concat(structs.Select(s => s.Build())).ToList();
        if (dynamicRows is not null)
        {
            var meta = new FieldData
            {
                FieldName = "$meta",
                Type = Milvus.Protocol.Schema.DataType.Json,
                IsDynamic = true,
                Scalars = new ScalarField { JsonData = new JSONArray() },
            };
            foreach (var extras in dynamicRows)
                meta.Scalars.JsonData.Data.Add(ByteString.CopyFrom(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(extras)));
            result.Add(meta);
        }
        return result;
    }

    /// <summary>
    /// Fields that get a column: all but function outputs and dynamic; an auto_id primary only when the first row carries it
    /// (always for upsert); with partial update, only the primary and the fields some row gives.
    /// </summary>
    private static List<FieldSchema> SelectColumns(CollectionInfo info, IReadOnlyList<IReadOnlyDictionary<string, object?>> rows, bool isUpsert,
        bool partialUpdate)
    {
        var first = rows[0];
        var columns = new List<FieldSchema>();
        foreach (var field in info.Fields)
        {
            if (field.IsFunctionOutput || field.IsDynamic || IsStruct(field)) continue;
            if (field.IsPrimary && field.AutoId && !isUpsert && !first.ContainsKey(field.Name)) continue;
            if (partialUpdate && !field.IsPrimary && !rows.Any(r => r.ContainsKey(field.Name))) continue;
            columns.Add(field);
        }
        return columns;
    }

    /// <summary>An ARRAY of STRUCT field (written by <see cref="StructColumnWriter"/>).</summary>
    public static bool IsStruct(FieldSchema field) => field.DataType == Milvus.Client.DataType.Array && field.ElementType == Milvus.Client.DataType.Struct;
}
