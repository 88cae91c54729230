namespace Milvus.Client;

/// <summary>pymilvus <c>ParamError</c>: Invalid parameters.</summary>
public class ParamError : MilvusException
{
    public ParamError(string message, int code = 1, int compatibleCode = 1, string? rpcName = null, Exception? innerException = null)
        : base(code, message, compatibleCode, rpcName, innerException) { }
}

/// <summary>pymilvus <c>ConnectError</c>: Connection failed.</summary>
public class ConnectError : MilvusException
{
    public ConnectError(string message, int code = 1, int compatibleCode = 1, string? rpcName = null, Exception? innerException = null)
        : base(code, message, compatibleCode, rpcName, innerException) { }
}

/// <summary>pymilvus <c>MilvusUnavailableException</c>: Milvus is unavailable.</summary>
public class MilvusUnavailableException : MilvusException
{
    public MilvusUnavailableException(string message, int code = 1, int compatibleCode = 1, string? rpcName = null, Exception? innerException = null)
        : base(code, message, compatibleCode, rpcName, innerException) { }
}

/// <summary>pymilvus <c>CollectionNotExistException</c>: Collection does not exist.</summary>
public class CollectionNotExistException : MilvusException
{
    public CollectionNotExistException(string message, int code = 1, int compatibleCode = 1, string? rpcName = null, Exception? innerException = null)
        : base(code, message, compatibleCode, rpcName, innerException) { }
}

/// <summary>pymilvus <c>DescribeCollectionException</c>: Describe collection failed.</summary>
public class DescribeCollectionException : MilvusException
{
    public DescribeCollectionException(string message, int code = 1, int compatibleCode = 1, string? rpcName = null, Exception? innerException = null)
        : base(code, message, compatibleCode, rpcName, innerException) { }
}

/// <summary>pymilvus <c>PartitionAlreadyExistException</c>: Partition already exists.</summary>
public class PartitionAlreadyExistException : MilvusException
{
    public PartitionAlreadyExistException(string message, int code = 1, int compatibleCode = 1, string? rpcName = null, Exception? innerException = null)
        : base(code, message, compatibleCode, rpcName, innerException) { }
}

/// <summary>pymilvus <c>IndexNotExistException</c>: Index does not exist.</summary>
public class IndexNotExistException : MilvusException
{
    public IndexNotExistException(string message, int code = 1, int compatibleCode = 1, string? rpcName = null, Exception? innerException = null)
        : base(code, message, compatibleCode, rpcName, innerException) { }
}

/// <summary>pymilvus <c>AmbiguousIndexName</c>: Several indexes match the name.</summary>
public class AmbiguousIndexName : MilvusException
{
    public AmbiguousIndexName(string message, int code = 1, int compatibleCode = 1, string? rpcName = null, Exception? innerException = null)
        : base(code, message, compatibleCode, rpcName, innerException) { }
}

/// <summary>pymilvus <c>CannotInferSchemaException</c>: Cannot infer the schema.</summary>
public class CannotInferSchemaException : MilvusException
{
    public CannotInferSchemaException(string message, int code = 1, int compatibleCode = 1, string? rpcName = null, Exception? innerException = null)
        : base(code, message, compatibleCode, rpcName, innerException) { }
}

/// <summary>pymilvus <c>SchemaNotReadyException</c>: The schema is not ready.</summary>
public class SchemaNotReadyException : MilvusException
{
    public SchemaNotReadyException(string message, int code = 1, int compatibleCode = 1, string? rpcName = null, Exception? innerException = null)
        : base(code, message, compatibleCode, rpcName, innerException) { }
}

/// <summary>pymilvus <c>DataTypeNotMatchException</c>: Data type does not match.</summary>
public class DataTypeNotMatchException : MilvusException
{
    public DataTypeNotMatchException(string message, int code = 1, int compatibleCode = 1, string? rpcName = null, Exception? innerException = null)
        : base(code, message, compatibleCode, rpcName, innerException) { }
}

/// <summary>pymilvus <c>DataTypeNotSupportException</c>: Data type is not supported.</summary>
public class DataTypeNotSupportException : MilvusException
{
    public DataTypeNotSupportException(string message, int code = 1, int compatibleCode = 1, string? rpcName = null, Exception? innerException = null)
        : base(code, message, compatibleCode, rpcName, innerException) { }
}

/// <summary>pymilvus <c>DataNotMatchException</c>: Data do not match the schema.</summary>
public class DataNotMatchException : MilvusException
{
    public DataNotMatchException(string message, int code = 1, int compatibleCode = 1, string? rpcName = null, Exception? innerException = null)
        : base(code, message, compatibleCode, rpcName, innerException) { }
}

/// <summary>pymilvus <c>SchemaMismatchRetryableException</c>: The server schema changed; the client retries once.</summary>
public class SchemaMismatchRetryableException : MilvusException
{
    public SchemaMismatchRetryableException(string message, int code = 1, int compatibleCode = 1, string? rpcName = null, Exception? innerException = null)
        : base(code, message, compatibleCode, rpcName, innerException) { }
}

/// <summary>pymilvus <c>ConnectionNotExistException</c>: The connection does not exist.</summary>
public class ConnectionNotExistException : MilvusException
{
    public ConnectionNotExistException(string message, int code = 1, int compatibleCode = 1, string? rpcName = null, Exception? innerException = null)
        : base(code, message, compatibleCode, rpcName, innerException) { }
}

/// <summary>pymilvus <c>ConnectionConfigException</c>: Bad connection configuration.</summary>
public class ConnectionConfigException : MilvusException
{
    public ConnectionConfigException(string message, int code = 1, int compatibleCode = 1, string? rpcName = null, Exception? innerException = null)
        : base(code, message, compatibleCode, rpcName, innerException) { }
}

/// <summary>pymilvus <c>PrimaryKeyException</c>: Bad primary key.</summary>
public class PrimaryKeyException : MilvusException
{
    public PrimaryKeyException(string message, int code = 1, int compatibleCode = 1, string? rpcName = null, Exception? innerException = null)
        : base(code, message, compatibleCode, rpcName, innerException) { }
}

/// <summary>pymilvus <c>PartitionKeyException</c>: Bad partition key.</summary>
public class PartitionKeyException : MilvusException
{
    public PartitionKeyException(string message, int code = 1, int compatibleCode = 1, string? rpcName = null, Exception? innerException = null)
        : base(code, message, compatibleCode, rpcName, innerException) { }
}

/// <summary>pymilvus <c>ClusteringKeyException</c>: Bad clustering key.</summary>
public class ClusteringKeyException : MilvusException
{
    public ClusteringKeyException(string message, int code = 1, int compatibleCode = 1, string? rpcName = null, Exception? innerException = null)
        : base(code, message, compatibleCode, rpcName, innerException) { }
}

/// <summary>pymilvus <c>FieldsTypeException</c>: Bad fields type.</summary>
public class FieldsTypeException : MilvusException
{
    public FieldsTypeException(string message, int code = 1, int compatibleCode = 1, string? rpcName = null, Exception? innerException = null)
        : base(code, message, compatibleCode, rpcName, innerException) { }
}

/// <summary>pymilvus <c>FunctionsTypeException</c>: Bad functions type.</summary>
public class FunctionsTypeException : MilvusException
{
    public FunctionsTypeException(string message, int code = 1, int compatibleCode = 1, string? rpcName = null, Exception? innerException = null)
        : base(code, message, compatibleCode, rpcName, innerException) { }
}

/// <summary>pymilvus <c>FieldTypeException</c>: Bad field type.</summary>
public class FieldTypeException : MilvusException
{
    public FieldTypeException(string message, int code = 1, int compatibleCode = 1, string? rpcName = null, Exception? innerException = null)
        : base(code, message, compatibleCode, rpcName, innerException) { }
}

/// <summary>pymilvus <c>AutoIDException</c>: Bad auto id.</summary>
public class AutoIDException : MilvusException
{
    public AutoIDException(string message, int code = 1, int compatibleCode = 1, string? rpcName = null, Exception? innerException = null)
        : base(code, message, compatibleCode, rpcName, innerException) { }
}

/// <summary>pymilvus <c>InvalidConsistencyLevel</c>: Invalid consistency level.</summary>
public class InvalidConsistencyLevel : MilvusException
{
    public InvalidConsistencyLevel(string message, int code = 1, int compatibleCode = 1, string? rpcName = null, Exception? innerException = null)
        : base(code, message, compatibleCode, rpcName, innerException) { }
}

/// <summary>
/// pymilvus <c>ServerVersionIncompatibleException</c>: The server version does not support this. Raised when a Milvus 3.0 call
/// reaches an older server that answers gRPC UNIMPLEMENTED; <see cref="Method"/> and <see cref="ServerVersion"/> then name both.
/// </summary>
public class ServerVersionIncompatibleException : MilvusException
{
    public ServerVersionIncompatibleException(string message, int code = 1, int compatibleCode = 1, string? rpcName = null, Exception? innerException = null)
        : base(code, message, compatibleCode, rpcName, innerException) { }

    /// <summary>The client method (pymilvus name) that the server cannot serve, when known.</summary>
    public string? Method { get; init; }

    /// <summary>The server's version as reported at Connect ("unknown" when it did not say), when known.</summary>
    public string? ServerVersion { get; init; }

    /// <summary>The error for <paramref name="method"/> whose RPC <paramref name="rpcName"/> the server does not implement (code 12, gRPC UNIMPLEMENTED).</summary>
    public static ServerVersionIncompatibleException ServerTooOld(string method, string rpcName, string? serverVersion, Exception? innerException = null)
    {
        var version = string.IsNullOrEmpty(serverVersion) ? "unknown" : serverVersion;
        return new ServerVersionIncompatibleException(
            $"{method} needs Milvus 3.0 or later: the server (version {version}) does not implement {rpcName}",
            (int)RpcStatusCode.Unimplemented, 1, rpcName, innerException) { Method = method, ServerVersion = version };
    }
}
