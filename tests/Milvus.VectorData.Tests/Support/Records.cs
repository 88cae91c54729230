using Microsoft.Extensions.VectorData;

namespace Milvus.VectorData.Tests.Support;

/// <summary>A record with every data type the provider stores, mapped with attributes (two storage names renamed).</summary>
public sealed class Product<TKey>
{
    [VectorStoreKey(StorageName = "product_id")]
    public TKey Key { get; set; } = default!;

    [VectorStoreData(StorageName = "product_name", IsIndexed = true)]
    public string Name { get; set; } = "";

    [VectorStoreData]
    public string? Description { get; set; }

    [VectorStoreData]
    public bool InStock { get; set; }

    [VectorStoreData]
    public sbyte Rating { get; set; }

    [VectorStoreData]
    public short Shelf { get; set; }

    [VectorStoreData(IsIndexed = true)]
    public int Quantity { get; set; }

    [VectorStoreData]
    public long Sold { get; set; }

    [VectorStoreData]
    public float Weight { get; set; }

    [VectorStoreData]
    public double Price { get; set; }

    [VectorStoreData]
    public int? Discount { get; set; }

    [VectorStoreData]
    public Guid Supplier { get; set; }

    [VectorStoreData]
    public string[] Tags { get; set; } = [];

    [VectorStoreData]
    public List<int> Sizes { get; set; } = [];

    [VectorStoreData]
    public double[] Ratings { get; set; } = [];

    [VectorStoreVector(3, DistanceFunction = DistanceFunction.CosineSimilarity, IndexKind = IndexKind.Hnsw)]
    public ReadOnlyMemory<float> Embedding { get; set; }
}

/// <summary>The conformance suite's filter record (all records share one vector).</summary>
public sealed class FilterRecord
{
    public long Key { get; set; }
    public ReadOnlyMemory<float>? Vector { get; set; }
    public int Int { get; set; }
    public string? String { get; set; }
    public bool Bool { get; set; }
    public int Int2 { get; set; }
    public string[] StringArray { get; set; } = null!;
    public List<string> StringList { get; set; } = null!;
}

/// <summary>A record with one vector whose distance function and index kind come from a definition.</summary>
public sealed class SearchRecord<TKey>
{
    public TKey Key { get; set; } = default!;
    public int Int { get; set; }
    public ReadOnlyMemory<float> Vector { get; set; }
}
