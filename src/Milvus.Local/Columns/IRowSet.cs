namespace Milvus.Local.Columns;

/// <summary>
/// A read-only set of rows seen column by column: a loaded segment, or rows being written. Filters
/// evaluate against it and produce one bool per row.
/// </summary>
public interface IRowSet
{
    int RowCount { get; }

    /// <summary>
    /// The column of a schema field by name (<c>$meta</c> for the dynamic field), or null when these rows
    /// carry no data for it (a field added after they were written reads as all-null / default).
    /// </summary>
    Column? GetColumn(string fieldName);
}
