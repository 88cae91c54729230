namespace Milvus.Client;

/// <summary>Milvus field data types (pymilvus <c>DataType</c>); the numeric values are the wire values.</summary>
public enum DataType
{
    None = 0,
    Bool = 1,
    Int8 = 2,
    Int16 = 3,
    Int32 = 4,
    Int64 = 5,
    Float = 10,
    Double = 11,
    String = 20,
    VarChar = 21,
    Array = 22,
    Json = 23,
    Geometry = 24,
    Text = 25,
    Timestamptz = 26,
    /// <summary>Milvus 3.0 molecule (SMILES); the local engine refuses it as not supported (it needs a cheminformatics toolkit).</summary>
    Mol = 27,
    /// <summary>Calendar date, numbered in the 3.0 protocol but defined by no released Milvus; the local engine refuses it as not supported.</summary>
    Date = 28,
    /// <summary>Time of day, numbered in the 3.0 protocol but defined by no released Milvus; the local engine refuses it as not supported.</summary>
    Time = 29,
    /// <summary>Fixed-point decimal, numbered in the 3.0 protocol but defined by no released Milvus; the local engine refuses it as not supported.</summary>
    Decimal = 30,
    BinaryVector = 100,
    FloatVector = 101,
    Float16Vector = 102,
    BFloat16Vector = 103,
    SparseFloatVector = 104,
    Int8Vector = 105,
    /// <summary>Internal: a vector sub-field of an array of structs.</summary>
    ArrayOfVector = 106,
    /// <summary>Internal: an array of structs.</summary>
    ArrayOfStruct = 200,
    Struct = 201,
}

/// <summary>Kinds of schema functions and function rankers (pymilvus <c>FunctionType</c>).</summary>
public enum FunctionType
{
    Unknown = 0,
    BM25 = 1,
    TextEmbedding = 2,
    Rerank = 3,
    MinHash = 4,
}

/// <summary>Read consistency (pymilvus <c>ConsistencyLevel</c>); values are the wire values.</summary>
public enum ConsistencyLevel
{
    Strong = 0,
    Session = 1,
    Bounded = 2,
    Eventually = 3,
    Customized = 4,
}

/// <summary>Load state of a collection or partition (pymilvus <c>LoadState</c>).</summary>
public enum LoadState
{
    NotExist = 0,
    NotLoad = 1,
    Loading = 2,
    Loaded = 3,
}

/// <summary>Index build state (proto <c>common.IndexState</c>).</summary>
public enum IndexState
{
    IndexStateNone = 0,
    Unissued = 1,
    InProgress = 2,
    Finished = 3,
    Failed = 4,
    Retry = 5,
}

/// <summary>Compaction state as pymilvus names it (the misspelling "UndefiedState" is pymilvus's own).</summary>
public enum CompactionState
{
    UndefiedState = 0,
    Executing = 1,
    Completed = 2,
}

/// <summary>Segment state (proto <c>common.SegmentState</c>).</summary>
public enum SegmentState
{
    SegmentStateNone = 0,
    NotExist = 1,
    Growing = 2,
    Sealed = 3,
    Flushed = 4,
    Flushing = 5,
    Dropped = 6,
    Importing = 7,
}

/// <summary>Segment level (proto <c>common.SegmentLevel</c>).</summary>
public enum SegmentLevel
{
    Legacy = 0,
    L0 = 1,
    L1 = 2,
    L2 = 3,
}

/// <summary>Load priority of a load request (pymilvus kw <c>priority</c>).</summary>
public enum LoadPriority
{
    High = 0,
    Low = 1,
}

/// <summary>Distance metric names accepted by Milvus.</summary>
public static class MetricType
{
    public const string L2 = "L2";
    public const string IP = "IP";
    public const string Cosine = "COSINE";
    public const string Hamming = "HAMMING";
    public const string Jaccard = "JACCARD";
    public const string BM25 = "BM25";
    public const string MaxSimCosine = "MAX_SIM_COSINE";
    public const string MaxSimIP = "MAX_SIM_IP";
    public const string MaxSimL2 = "MAX_SIM_L2";
}

/// <summary>Index type names accepted by Milvus.</summary>
public static class IndexType
{
    public const string AutoIndex = "AUTOINDEX";
    public const string Flat = "FLAT";
    public const string IvfFlat = "IVF_FLAT";
    public const string IvfSq8 = "IVF_SQ8";
    public const string IvfPq = "IVF_PQ";
    public const string Hnsw = "HNSW";
    public const string DiskAnn = "DISKANN";
    public const string BinFlat = "BIN_FLAT";
    public const string BinIvfFlat = "BIN_IVF_FLAT";
    public const string SparseInvertedIndex = "SPARSE_INVERTED_INDEX";
    public const string SparseWand = "SPARSE_WAND";
    public const string Inverted = "INVERTED";
    public const string StlSort = "STL_SORT";
    public const string Trie = "Trie";
    public const string Bitmap = "BITMAP";
}
