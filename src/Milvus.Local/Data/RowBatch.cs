using Milvus.Local.Columns;

namespace Milvus.Local.Data;

/// <summary>Validated rows of an insert or upsert: one column per schema field (by field id) and the primary keys.</summary>
internal sealed class RowBatch(int rowCount, Dictionary<long, Column> columns, object[] primaryKeys)
{
    public int RowCount { get; } = rowCount;
    public Dictionary<long, Column> Columns { get; } = columns;
    public object[] PrimaryKeys { get; } = primaryKeys;
}
