using BenchmarkDotNet.Attributes;
using Google.Protobuf;
using Milvus.Local;
using Milvus.Protocol.Api;
using Milvus.Protocol.Schema;
using KeyValuePair = Milvus.Protocol.Common.KeyValuePair;

namespace Milvus.Benchmarks;

/// <summary>
/// Durable inserts into the local engine (each batch committed to SQLite with synchronous=FULL before the reply):
/// 10,000 rows of 128-d float vectors per call, into a loaded collection.
/// Run: dotnet run -c Release --project tests/Milvus.Benchmarks -- --filter '*InsertBenchmarks*'
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 8)]
[MemoryDiagnoser]
public class InsertBenchmarks
{
    private const int Batch = 10_000;
    private const int Dim = 128;
    private string _directory = "";
    private MilvusLocalEngine _engine = null!;
    private MilvusService.MilvusServiceClient _client = null!;
    private InsertRequest _request = null!;
    private long _nextId;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "milvus-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        _engine = MilvusLocalEngine.Open(Path.Combine(_directory, "insert.db"));
        _client = new MilvusService.MilvusServiceClient(_engine.CreateCallInvoker());
        var schema = new CollectionSchema
        {
            Name = "ins",
            Fields =
            {
                new FieldSchema { Name = "id", DataType = DataType.Int64, IsPrimaryKey = true },
                new FieldSchema { Name = "v", DataType = DataType.FloatVector, TypeParams = { new KeyValuePair { Key = "dim", Value = Dim.ToString() } } },
            },
        };
        _client.CreateCollection(new CreateCollectionRequest { CollectionName = "ins", Schema = schema.ToByteString() });
        _client.CreateIndex(new CreateIndexRequest { CollectionName = "ins", FieldName = "v", ExtraParams = { new KeyValuePair { Key = "metric_type", Value = "L2" } } });
        _client.LoadCollection(new LoadCollectionRequest { CollectionName = "ins" });
        var random = new Random(7);
        var vectors = new FloatArray();
        for (var i = 0; i < Batch * Dim; i++) vectors.Data.Add(random.NextSingle());
        _request = new InsertRequest
        {
            CollectionName = "ins", NumRows = Batch,
            FieldsData =
            {
                new FieldData { FieldName = "id", Type = DataType.Int64, Scalars = new ScalarField { LongData = new LongArray() } },
                new FieldData { FieldName = "v", Type = DataType.FloatVector, Vectors = new VectorField { Dim = Dim, FloatVector = vectors } },
            },
        };
    }

    [Benchmark(Description = "insert 10k x 128-d")]
    public long Insert()
    {
        var ids = _request.FieldsData[0].Scalars.LongData.Data;
        ids.Clear();
        for (var i = 0; i < Batch; i++) ids.Add(_nextId++);
        var reply = _client.Insert(_request);
        if (reply.Status.Code != 0) throw new InvalidOperationException(reply.Status.Reason);
        return reply.InsertCnt;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _engine.Dispose();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}
