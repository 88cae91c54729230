using Milvus.Local.Columns;

namespace Milvus.Local.Expressions;

/// <summary>One evaluation over one row set: gives predicates their columns.</summary>
internal sealed class EvalContext(IRowSet rows)
{
    public IRowSet Rows { get; } = rows;

    public int RowCount { get; } = rows.RowCount;

    public Column? Column(string name) => Rows.GetColumn(name);
}
