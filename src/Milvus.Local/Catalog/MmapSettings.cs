using Milvus.Protocol.Schema;

namespace Milvus.Local.Catalog;

/// <summary>
/// Milvus's <c>mmap.enabled</c> for a field's raw data: the field's own type param when set (AlterCollectionField,
/// or given at create), else the collection's property, else off (Milvus's queryNode.mmap.vectorField default). Values
/// are read as Go's strconv.ParseBool reads them; anything else counts as unset, as in Milvus's common.IsMmapDataEnabled.
/// </summary>
internal static class MmapSettings
{
    public const string Key = "mmap.enabled";

    public static bool RawDataMapped(CollectionMeta c, FieldSchema field)
        => Parse(field.TypeParams.FirstOrDefault(p => p.Key == Key)?.Value)
            ?? Parse(PropertyBag.Get(c.Properties, Key))
            ?? false;

    private static bool? Parse(string? value) => value switch
    {
        "1" or "t" or "T" or "true" or "TRUE" or "True" => true,
        "0" or "f" or "F" or "false" or "FALSE" or "False" => false,
        _ => null,
    };
}
