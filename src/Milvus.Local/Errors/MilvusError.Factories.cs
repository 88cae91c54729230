namespace Milvus.Local.Errors;

// Factories for the errors the engine reports, worded as Milvus words them (pkg/util/merr, proxy validators):
// a wrapped merr error reads "<context>: <base message>[key=value]".
public sealed partial class MilvusError
{
    public static MilvusError CollectionNotFound(string collection) => new(100, $"collection not found[collection={collection}]");

    public static MilvusError CollectionNotLoaded(string operation, long collectionId) =>
        new(101, $"failed to {operation}: collection not loaded[collection={collectionId}]");

    /// <summary>
    /// A partition name on a partition-key collection: an invalid parameter (1100) for writes, deletes and queries;
    /// Milvus's searchTask raises it as a plain error (65535), as the official SDKs' tests (2.6 and 3.0) expect.
    /// </summary>
    public static MilvusError PartitionNameInPartitionKeyMode(bool plain = false)
    {
        const string message = "not support manually specifying the partition names if partition key mode is used";
        return plain ? Unexpected(message) : InvalidParameter(message);
    }

    public static MilvusError PartitionNotFound(string partition) => new(200, $"partition not found[partition={partition}]");

    public static MilvusError PartitionNotLoaded(string operation, string partition) =>
        new(201, $"failed to {operation}: partition not loaded[partition={partition}]");

    public static MilvusError IndexNotFound(string detail) => new(700, $"index not found[{detail}]");

    public static MilvusError IndexNotSupported(string indexType) =>
        new(701, $"index type not supported[indexType={indexType}]: not supported by the Milvus local engine", isInputError: true);

    /// <summary>An index type no Milvus index checker knows (createIndexTask's merr.WrapErrParameterInvalid).</summary>
    public static MilvusError InvalidIndexType(string indexType) =>
        new(1100, $"invalid parameter[expected=valid index][actual=invalid index type: {indexType}]", isInputError: true);

    public static MilvusError IndexDuplicate(string detail) => new(702, $"index duplicates[{detail}]", isInputError: true);

    public static MilvusError DatabaseLimit(int limit) => new(801, $"exceeded the limit number of database[limit={limit}]");

    public static MilvusError InvalidDatabaseName(string name, string reason) =>
        new(802, $"{reason}: invalid database name[database={name}]", isInputError: true);

    public static MilvusError AliasNotFound(string database, string alias) => new(1600, $"alias not found[database={database}][alias={alias}]");

    public static MilvusError AliasCollectionConflict(string message) => new(1601, $"alias and collection name conflict[{message}]", isInputError: true);

    public static MilvusError AliasExists(string message) => new(1602, $"alias already exist[{message}]", isInputError: true);

    public static MilvusError FieldNotFound(string field) => new(1700, $"field not found[field={field}]", isInputError: true);

    public static MilvusError InvalidFieldName(string field, string reason) => new(1701, $"{reason}: field name invalid[field={field}]", isInputError: true);

    public static MilvusError IllegalSchema(string collection, string reason) => new(105, $"{reason}: illegal collection schema[collection={collection}]", isInputError: true);

    public static MilvusError MissingParameterValue(string message) => new(1101, $"missing parameter[missing_param={message}]", isInputError: true);

    public static MilvusError CollectionLimit(string database, int limit) => new(102, $"exceeded the limit number of collections[dbName={database}][limit={limit}]");

    /// <summary>A plain (non-merr) error reported as code 65535, e.g. Milvus's fmt.Errorf texts.</summary>
    public static MilvusError Plain(string message) => new(65535, message);
}
