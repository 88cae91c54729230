using Milvus.Client;

namespace Milvus.VectorData;

/// <summary>
/// A Milvus collection with dynamic mapping: records are <c>Dictionary&lt;string, object?&gt;</c> keyed by property name,
/// the schema comes from the options' record definition, and keys are objects of the key property's type.
/// </summary>
public sealed class MilvusDynamicCollection : MilvusCollection<object, Dictionary<string, object?>>
{
    public MilvusDynamicCollection(AsyncMilvusClient client, string name, MilvusCollectionOptions options)
        : base(client, name, options, static o => new MilvusModelBuilder().BuildDynamic(
            o.Definition ?? throw new ArgumentException("A dynamic collection needs a record definition (options.Definition).", nameof(options)),
            o.EmbeddingGenerator))
    {
    }
}
