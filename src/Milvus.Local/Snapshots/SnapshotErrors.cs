using Milvus.Local.Errors;

namespace Milvus.Local.Snapshots;

/// <summary>
/// Snapshot failures with the codes and texts Milvus 3.0's snapshot tests expect (tests/python_client/milvus_client/
/// test_milvus_client_snapshot.py): name validation is 1100 "snapshot name should be not empty"; an existing target is
/// 65535 "duplicate collection"; dropping a snapshot a restore still reads is 5 "is restoring"; unknown snapshots,
/// jobs and pins are "not found" (65535, as Milvus's plain errors).
/// </summary>
internal static class SnapshotErrors
{
    public const int MaxNameLength = 255;

    /// <summary>Milvus validates snapshot names with its standard naming rule (letters, digits, underscores; not a digit first).</summary>
    public static void ValidateName(string name)
    {
        var trimmed = name.Trim();
        if (trimmed.Length == 0) throw MilvusError.InvalidParameter("snapshot name should be not empty");
        var invalid = $"Invalid snapshot name: {name}. ";
        if (trimmed.Length > MaxNameLength)
            throw MilvusError.InvalidParameter($"{invalid}the length of a snapshot name must be less than {MaxNameLength} characters");
        if (!(trimmed[0] == '_' || char.IsAsciiLetter(trimmed[0])))
            throw MilvusError.InvalidParameter($"{invalid}the first character of a snapshot name must be an underscore or letter");
        if (!trimmed.All(c => c == '_' || char.IsAsciiLetterOrDigit(c)))
            throw MilvusError.InvalidParameter($"{invalid}snapshot name can only contain numbers, letters and underscores");
    }

    public static MilvusError AlreadyExists(string name, string collection)
        => MilvusError.Plain($"snapshot already exists[snapshot={name}][collection={collection}]");

    public static MilvusError NotFound(string name) => MilvusError.Plain($"snapshot not found[snapshot={name}]");

    public static MilvusError Ambiguous(string name, int count)
        => MilvusError.InvalidParameter($"snapshot name {name} matches {count} snapshots of different collections, please specify the collection name");

    public static MilvusError Restoring(string name, int jobs)
        => new(5, $"snapshot {name} is restoring by {jobs} restore job(s), drop it after they finish: service internal error");

    public static MilvusError DuplicateTarget(string database, string collection)
        => MilvusError.Plain($"duplicate collection: collection {collection} already exists in database {database}");

    public static MilvusError JobNotFound(long jobId) => MilvusError.Plain($"restore snapshot job not found[jobID={jobId}]");

    public static MilvusError PinNotFound(long pinId) => MilvusError.Plain($"snapshot pin not found[pinID={pinId}]");

    public static MilvusError Negative(string parameter)
        => MilvusError.InvalidParameter($"{parameter} must be a non-negative integer");
}
