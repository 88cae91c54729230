using Milvus.Protocol.Schema;

namespace Milvus.Local.Catalog;

/// <summary>
/// Milvus's <c>mmap.enabled</c> for a vector field's loaded data: the field's own type param when set
/// (AlterCollectionField, or given at create), else its index's param (AlterIndex), else the collection's property,
/// else off (Milvus's queryNode.mmap.vectorField / vectorIndex defaults): field and index levels before the collection
/// level, as Milvus documents. Here one column is both: the field's raw data and the vectors its index searches (graphs
/// and lists hold row ids, quantized codes sit beside the column). Values are read as Go's strconv.ParseBool reads
/// them; anything else counts as unset, as in Milvus's common.IsMmapDataEnabled.
/// </summary>
internal static class MmapSettings
{
    public const string Key = "mmap.enabled";

    public static bool RawDataMapped(CollectionMeta c, FieldSchema field)
        => GoBool.Parse(field.TypeParams.FirstOrDefault(p => p.Key == Key)?.Value)
            ?? GoBool.Parse(c.Indexes.FirstOrDefault(i => i.FieldId == field.FieldID)?.Param(Key))
            ?? GoBool.Parse(PropertyBag.Get(c.Properties, Key))
            ?? false;
}
