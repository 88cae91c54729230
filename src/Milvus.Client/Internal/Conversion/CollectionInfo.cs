using Proto = Milvus.Protocol.Schema;

namespace Milvus.Client.Internal.Conversion;

/// <summary>What insert/search need to know of a collection (pymilvus's cached DescribeCollection answer).</summary>
internal sealed class CollectionInfo
{
    public CollectionInfo(Milvus.Protocol.Api.DescribeCollectionResponse reply)
    {
        CollectionId = reply.CollectionID;
        UpdateTimestamp = reply.UpdateTimestamp;
        Schema = SchemaConverter.FromProto(reply.Schema ?? new Proto.CollectionSchema());
        Fields = Schema.Fields;
        Primary = Fields.FirstOrDefault(f => f.IsPrimary);
        EnableDynamicField = reply.Schema?.EnableDynamicField ?? false;
        FunctionOutputs = new HashSet<string>(Fields.Where(f => f.IsFunctionOutput).Select(f => f.Name), StringComparer.Ordinal);
    }

    public long CollectionId { get; }
    public ulong UpdateTimestamp { get; }
    public CollectionSchema Schema { get; }
    public IReadOnlyList<FieldSchema> Fields { get; }
    public FieldSchema? Primary { get; }
    public bool EnableDynamicField { get; }
    public HashSet<string> FunctionOutputs { get; }
    public string PrimaryName => Primary?.Name ?? "id";
    public bool PrimaryIsString => Primary?.DataType is DataType.VarChar or DataType.String;

    public FieldSchema? Field(string name) => Fields.FirstOrDefault(f => f.Name == name);

    /// <summary>A field, or a struct's sub-field named <c>struct[sub]</c> (as search and index calls name it).</summary>
    public FieldSchema? FieldOrSubField(string name)
    {
        if (Field(name) is { } field) return field;
        var open = name.IndexOf('[');
        if (open <= 0 || !name.EndsWith(']')) return null;
        var sub = name[(open + 1)..^1];
        return Field(name[..open])?.StructSchema?.Fields.FirstOrDefault(f => f.Name == sub);
    }
}
