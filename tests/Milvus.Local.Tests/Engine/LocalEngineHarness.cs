using System.Runtime.InteropServices;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Milvus.Local.Server;
using Milvus.Local.Tests.Server;
using Milvus.Protocol.Api;
using Milvus.Protocol.Common;
using Milvus.Protocol.Schema;

namespace Milvus.Local.Tests.Engine;

/// <summary>How the tests reach the engine: the in-process CallInvoker, or gRPC over HTTP/2 to Kestrel (LocalServerHost).</summary>
public enum EngineTransport { InProcess, Kestrel }

/// <summary>A local engine over a temporary .db file, driven through a gRPC client as SDKs drive it.</summary>
public sealed class LocalEngineHarness : IDisposable
{
    private readonly string _directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "milvus-local-tests", Guid.NewGuid().ToString("N"));
    private readonly EngineTransport _transport;
    private LocalEngineOptions? _options;
    private LocalServerHost? _server;
    private GrpcChannel? _channel;

    /// <summary>The authorization header of root/Milvus (what <see cref="Client"/> sends when authorization is on).</summary>
    public const string RootAuthorization = "cm9vdDpNaWx2dXM=";

    private readonly LocalServerOptions _serverOptions;

    public LocalEngineHarness(EngineTransport transport = EngineTransport.InProcess, LocalEngineOptions? options = null,
        LocalServerOptions? serverOptions = null)
    {
        _transport = transport;
        _options = options;
        _serverOptions = serverOptions ?? new LocalServerOptions { Port = 0 };
        Directory.CreateDirectory(_directory);
        Path = System.IO.Path.Combine(_directory, "test.db");
        Open();
    }

    public string Path { get; }

    public MilvusLocalEngine Engine { get; private set; } = null!;

    public MilvusService.MilvusServiceClient Client { get; private set; } = null!;

    /// <summary>The transport's call invoker, without headers.</summary>
    public CallInvoker Invoker { get; private set; } = null!;

    /// <summary>A client that sends <paramref name="authorization"/> (null: no header) on every call.</summary>
    public MilvusService.MilvusServiceClient ClientAs(string? authorization) => new(authorization is null
        ? Invoker
        : Invoker.Intercept(headers =>
        {
            headers.Add("authorization", authorization);
            return headers;
        }));

    /// <summary>The Kestrel server's address ("http://127.0.0.1:PORT"); null in process.</summary>
    public string? ServerAddress => _server?.Address;

    /// <summary>Closes the engine (no flush) and opens the same file again, with <paramref name="options"/>.</summary>
    public void Reopen(LocalEngineOptions? options = null)
    {
        _options = options;
        Close();
        Open();
    }

    /// <summary>
    /// A collection's load state once a background load (a reopen loads in the background) has ended: Loading is waited
    /// out, for 60 s at most, and any other state is returned as it is.
    /// </summary>
    public LoadState LoadStateAfterLoading(string collection)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        LoadState state;
        while ((state = Client.GetLoadState(new GetLoadStateRequest { CollectionName = collection }).State) == LoadState.Loading)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{collection} was still loading after 60 s");
            Thread.Sleep(10);
        }
        return state;
    }

    /// <summary>Closes the engine, puts a copy of <paramref name="databaseFile"/> in place of its file and opens that.</summary>
    public void OpenCopyOf(string databaseFile)
    {
        Close();
        foreach (var suffix in new[] { "-wal", "-shm" }) File.Delete(Path + suffix);
        File.Copy(databaseFile, Path, overwrite: true);
        Open();
    }

    private void Open()
    {
        Engine = MilvusLocalEngine.Open(Path, _options);
        if (_transport == EngineTransport.InProcess)
        {
            Invoker = Engine.CreateCallInvoker();
        }
        else
        {
            _server = LocalServerHost.StartAsync(Engine, _serverOptions).GetAwaiter().GetResult();
            _channel = ServerChannel.For(_server.Address);
            Invoker = _channel.CreateCallInvoker();
        }
        Client = ClientAs(Engine.AuthorizationEnabled ? RootAuthorization : null);
    }

    private void Close()
    {
        _channel?.Dispose();
        _server?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Engine.Dispose();
    }

    public void Dispose()
    {
        Close();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

    // ---- schema helpers ---------------------------------------------------------------------------------

    public static FieldSchema Int64Pk(string name = "id", bool autoId = false) =>
        new() { Name = name, DataType = DataType.Int64, IsPrimaryKey = true, AutoID = autoId };

    public static FieldSchema Vector(string name, DataType type, int dim) =>
        new() { Name = name, DataType = type, TypeParams = { new KeyValuePair { Key = "dim", Value = dim.ToString() } } };

    public static FieldSchema VarChar(string name, int maxLength) =>
        new() { Name = name, DataType = DataType.VarChar, TypeParams = { new KeyValuePair { Key = "max_length", Value = maxLength.ToString() } } };

    public static FieldSchema Scalar(string name, DataType type, bool nullable = false) => new() { Name = name, DataType = type, Nullable = nullable };

    public Milvus.Protocol.Common.Status CreateCollection(string name, params FieldSchema[] fields) => CreateCollection(name, false, fields);

    public Milvus.Protocol.Common.Status CreateCollection(string name, bool dynamic, params FieldSchema[] fields)
    {
        var schema = new CollectionSchema { Name = name, EnableDynamicField = dynamic };
        schema.Fields.Add(fields);
        return Client.CreateCollection(new CreateCollectionRequest { CollectionName = name, Schema = schema.ToByteString() });
    }

    /// <summary>Waits until the background sealer has merged every partition that was due.</summary>
    public void WaitForSeals() => Assert.True(Engine.Core.Sealer.WaitIdle(TimeSpan.FromSeconds(60)), "the sealer did not finish");

    /// <summary>The collection's one index once its build has finished (or, after 2 minutes, as it then stands).</summary>
    public IndexDescription WaitForIndex(string collection)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var description = Client.DescribeIndex(new DescribeIndexRequest { CollectionName = collection }).IndexDescriptions.Single();
            if (description.State == IndexState.Finished || clock.Elapsed > TimeSpan.FromMinutes(2)) return description;
            Thread.Sleep(50);
        }
    }

    /// <summary>Creates a FLAT index with the metric on the field, then loads the collection.</summary>
    public void IndexAndLoad(string collection, string field, string metric, string indexType = "FLAT")
    {
        Ok(Client.CreateIndex(new CreateIndexRequest
        {
            CollectionName = collection, FieldName = field,
            ExtraParams = { new KeyValuePair { Key = "index_type", Value = indexType }, new KeyValuePair { Key = "metric_type", Value = metric } },
        }));
        Ok(Client.LoadCollection(new LoadCollectionRequest { CollectionName = collection }));
    }

    // ---- data helpers -----------------------------------------------------------------------------------

    public static FieldData Longs(string name, params long[] values)
    {
        var data = new FieldData { FieldName = name, Type = DataType.Int64, Scalars = new ScalarField { LongData = new LongArray() } };
        data.Scalars.LongData.Data.Add(values);
        return data;
    }

    public static FieldData Strings(string name, params string[] values)
    {
        var data = new FieldData { FieldName = name, Type = DataType.VarChar, Scalars = new ScalarField { StringData = new StringArray() } };
        data.Scalars.StringData.Data.Add(values);
        return data;
    }

    public static FieldData Json(string name, bool dynamic, params string[] values)
    {
        var data = new FieldData { FieldName = name, Type = DataType.Json, IsDynamic = dynamic, Scalars = new ScalarField { JsonData = new JSONArray() } };
        data.Scalars.JsonData.Data.Add(values.Select(ByteString.CopyFromUtf8));
        return data;
    }

    public static FieldData FloatVectors(string name, int dim, float[][] rows)
    {
        var data = new FieldData { FieldName = name, Type = DataType.FloatVector, Vectors = new VectorField { Dim = dim, FloatVector = new FloatArray() } };
        foreach (var row in rows) data.Vectors.FloatVector.Data.Add(row);
        return data;
    }

    public static FieldData BinaryVectors(string name, int dim, byte[][] rows) => new()
    {
        FieldName = name, Type = DataType.BinaryVector,
        Vectors = new VectorField { Dim = dim, BinaryVector = ByteString.CopyFrom(rows.SelectMany(r => r).ToArray()) },
    };

    public static FieldData SparseVectors(string name, params (uint Index, float Value)[][] rows)
    {
        var array = new SparseFloatArray();
        foreach (var row in rows) array.Contents.Add(SparseBytes(row));
        return new FieldData { FieldName = name, Type = DataType.SparseFloatVector, Vectors = new VectorField { SparseFloatVector = array } };
    }

    public static ByteString SparseBytes((uint Index, float Value)[] row)
    {
        var bytes = new byte[row.Length * 8];
        for (var i = 0; i < row.Length; i++)
        {
            BitConverter.TryWriteBytes(bytes.AsSpan(i * 8), row[i].Index);
            BitConverter.TryWriteBytes(bytes.AsSpan(i * 8 + 4), row[i].Value);
        }
        return ByteString.CopyFrom(bytes);
    }

    public MutationResult Insert(string collection, params FieldData[] fields)
        => Client.Insert(new InsertRequest { CollectionName = collection, FieldsData = { fields }, NumRows = (uint)RowCount(fields[0]) });

    private static int RowCount(FieldData f) => f.Scalars?.LongData?.Data.Count ?? f.Scalars?.StringData?.Data.Count
        ?? (f.Vectors?.FloatVector is { } fv ? fv.Data.Count / (int)f.Vectors.Dim : f.Vectors?.SparseFloatVector?.Contents.Count ?? 0);

    public static ByteString FloatPlaceholder(params float[][] queries)
    {
        var value = new PlaceholderValue { Tag = "$0", Type = PlaceholderType.FloatVector };
        foreach (var q in queries) value.Values.Add(ByteString.CopyFrom(MemoryMarshal.AsBytes(q.AsSpan()).ToArray()));
        return new PlaceholderGroup { Placeholders = { value } }.ToByteString();
    }

    public static ByteString Placeholder(PlaceholderType type, params ByteString[] values)
        => new PlaceholderGroup { Placeholders = { new PlaceholderValue { Tag = "$0", Type = type, Values = { values } } } }.ToByteString();

    public SearchResults Search(string collection, ByteString placeholder, int limit, string filter = "", string annsField = "",
        IEnumerable<string>? outputFields = null, params (string Key, string Value)[] extra)
    {
        var request = new SearchRequest
        {
            CollectionName = collection, PlaceholderGroup = placeholder, Dsl = filter, DslType = DslType.BoolExprV1,
            SearchParams = { new KeyValuePair { Key = "topk", Value = limit.ToString() } },
        };
        if (annsField.Length > 0) request.SearchParams.Add(new KeyValuePair { Key = "anns_field", Value = annsField });
        foreach (var (k, v) in extra) request.SearchParams.Add(new KeyValuePair { Key = k, Value = v });
        if (outputFields is not null) request.OutputFields.Add(outputFields);
        return Client.Search(request);
    }

    public QueryResults Query(string collection, string filter, IEnumerable<string>? outputFields = null, int? limit = null, int? offset = null)
    {
        var request = new QueryRequest { CollectionName = collection, Expr = filter };
        if (outputFields is not null) request.OutputFields.Add(outputFields);
        if (limit is not null) request.QueryParams.Add(new KeyValuePair { Key = "limit", Value = limit.ToString() });
        if (offset is not null) request.QueryParams.Add(new KeyValuePair { Key = "offset", Value = offset.ToString() });
        return Client.Query(request);
    }

    // ---- assertions -------------------------------------------------------------------------------------

    public static void Ok(Milvus.Protocol.Common.Status status)
        => Assert.True(status.Code == 0 && status.ErrorCode == ErrorCode.Success, $"expected success, got {status.Code}: {status.Reason}");

    public static void Fails(Milvus.Protocol.Common.Status status, int code, string reason)
    {
        Assert.Equal(reason, status.Reason);
        Assert.Equal(code, status.Code);
    }
}
