using System.Text;
using Microsoft.Data.Sqlite;

namespace Milvus.Local.Storage;

/// <summary>
/// How a primary key is kept in the delete tables' <c>pk ANY</c> column. That column has NUMERIC affinity, which turns
/// a text key that looks like a number ("42", "007") into a number, so the delete no longer matches its VarChar row
/// after a restart. Text keys are therefore stored as UTF-8 blobs (never converted); Int64 keys as integers.
/// </summary>
internal static class StoredKey
{
    public static void Bind(SqliteParameter parameter, object key)
    {
        if (key is long)
        {
            parameter.SqliteType = SqliteType.Integer;
            parameter.Value = key;
        }
        else
        {
            parameter.SqliteType = SqliteType.Blob;
            parameter.Value = Encoding.UTF8.GetBytes((string)key);
        }
    }

    /// <summary>The key read back (older files may hold text, or a number that was a numeric-looking text key).</summary>
    public static object Read(SqliteDataReader reader, int ordinal) => reader.GetValue(ordinal) switch
    {
        long l => l,
        byte[] utf8 => Encoding.UTF8.GetString(utf8),
        var other => reader.GetString(ordinal),
    };
}
