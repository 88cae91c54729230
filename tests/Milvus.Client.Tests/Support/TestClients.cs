using Milvus.Client.Internal.Transport;
using Milvus.Protocol.Api;
using Milvus.Protocol.Common;
using Proto = Milvus.Protocol.Schema;

namespace Milvus.Client.Tests.Support;

internal static class TestClients
{
    /// <summary>A client whose calls go to a recording invoker (no server).</summary>
    public static AsyncMilvusClient Recording(RecordingCallInvoker invoker, string uri = "http://localhost:19530", string token = "",
        string dbName = "", MilvusClientOptions? options = null)
    {
        options ??= new MilvusClientOptions();
        return new AsyncMilvusClient(ConnectionConfig.Parse(uri, dbName: dbName, token: token, options: options), options, null, () => invoker);
    }

    /// <summary>A DescribeCollection reply for a schema (id INT64 pk, vector FLOAT_VECTOR dim 4, dynamic field).</summary>
    public static DescribeCollectionResponse Describe(CollectionSchema schema, string name = "c", long id = 7, ulong updateTs = 99)
    {
        var proto = Milvus.Client.Internal.Conversion.SchemaConverter.ToProto(name, schema);
        var fieldId = 100;
        foreach (var f in proto.Fields) f.FieldID = fieldId++;
        return new DescribeCollectionResponse { Status = new Status(), Schema = proto, CollectionID = id, CollectionName = name, UpdateTimestamp = updateTs };
    }

    public static CollectionSchema SimpleSchema(bool dynamic = true)
    {
        var schema = AsyncMilvusClient.CreateSchema(enableDynamicField: dynamic);
        schema.AddField("id", DataType.Int64, isPrimary: true);
        schema.AddField("vector", DataType.FloatVector, dim: 4);
        return schema;
    }
}

/// <summary>A temporary folder removed after the test.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "milvus-client-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
