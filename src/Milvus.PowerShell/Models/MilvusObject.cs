using System.Management.Automation;

namespace Milvus.PowerShell.Models;

/// <summary>
/// Base of every output object: it carries the connection and database it came from, so that piping it into the next
/// cmdlet (which binds Connection and Database by property name) reaches the same server and database.
/// </summary>
public abstract class MilvusObject
{
    /// <summary>The connection the object came from. Hidden from default display.</summary>
    [Hidden]
    public MilvusConnection? Connection { get; set; }

    /// <summary>The database the object lives in.</summary>
    public string DatabaseName { get; set; } = string.Empty;
}

/// <summary>An output object that belongs to a collection (fields, partitions, indexes, aliases...).</summary>
public abstract class MilvusCollectionObject : MilvusObject
{
    /// <summary>The collection the object belongs to.</summary>
    public string CollectionName { get; set; } = string.Empty;
}
