using Milvus.Local.Columns;
using Milvus.Protocol.Schema;

namespace Milvus.Local.Data;

/// <summary>Primary keys as plain objects (long or string) and as the wire's IDs message.</summary>
internal static class PrimaryKeys
{
    public static object At(Column pk, int row) => pk switch
    {
        Int64Column i => i.Values[row],
        StringColumn s => s.Values[row],
        _ => throw new InvalidOperationException("primary key column must be Int64 or VarChar"),
    };

    public static IDs ToIds(DataType pkType, IEnumerable<object> keys)
    {
        var ids = new IDs();
        if (pkType == DataType.Int64)
        {
            ids.IntId = new LongArray();
            ids.IntId.Data.Add(keys.Select(k => (long)k));
        }
        else
        {
            ids.StrId = new StringArray();
            ids.StrId.Data.Add(keys.Select(k => (string)k));
        }
        return ids;
    }

    public static List<object> FromIds(IDs ids) => ids.IdFieldCase switch
    {
        IDs.IdFieldOneofCase.IntId => ids.IntId.Data.Select(v => (object)v).ToList(),
        IDs.IdFieldOneofCase.StrId => ids.StrId.Data.Select(v => (object)v).ToList(),
        _ => [],
    };
}
