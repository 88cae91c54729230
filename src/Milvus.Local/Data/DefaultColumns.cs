using Milvus.Local.Columns;
using Milvus.Protocol.Schema;

namespace Milvus.Local.Data;

/// <summary>
/// Rows written before a field with a default value was added (AddCollectionField, AlterCollectionSchema) read that
/// default, valid, in outputs and filters alike, as Milvus fills it when it loads such segments; rows written before
/// add_function_field added a BM25 function get its output computed from their text (Milvus's backfill).
/// </summary>
internal static class DefaultColumns
{
    public static Segment Fill(Segment segment, CollectionSchema schema)
    {
        Dictionary<long, Column>? columns = null;
        if (schema.Functions.Any(f => f.OutputFieldIds.Any(id => !segment.Columns.ContainsKey(id))))
        {
            columns = new Dictionary<long, Column>(segment.Columns);
            FullText.Bm25Function.Fill(schema, columns, onlyMissing: true);
        }
        foreach (var field in schema.Fields)
        {
            if (field.DefaultValue is null || segment.Columns.ContainsKey(field.FieldID)) continue;
            columns ??= new Dictionary<long, Column>(segment.Columns);
            columns[field.FieldID] = Constant(field, segment.RowCount);
        }
        return columns is null ? segment : new Segment(segment.Id, segment.PartitionId, segment.IsSealed, segment.RowCount, columns, segment.Timestamps);
    }

    /// <summary>The default in every row: encoding rows without a column as a non-nullable field writes the default for each.</summary>
    private static Column Constant(FieldSchema field, int rowCount)
    {
        var notNullable = field.Clone();
        notNullable.Nullable = false;
        var data = ColumnCodec.Encode(notNullable, Enumerable.Repeat(((Column?)null, 0), rowCount).ToList());
        return ColumnCodec.Decode(notNullable, data, rowCount);
    }
}
