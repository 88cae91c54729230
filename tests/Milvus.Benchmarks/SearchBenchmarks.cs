using BenchmarkDotNet.Attributes;
using Google.Protobuf;
using Milvus.Local;
using Milvus.Protocol.Api;
using Milvus.Protocol.Common;
using Milvus.Protocol.Schema;
using KeyValuePair = Milvus.Protocol.Common.KeyValuePair;

namespace Milvus.Benchmarks;

/// <summary>
/// Exact (FLAT) search of the local engine through its in-process gRPC transport: 100,000 random 128-d float
/// vectors, top-10, one or ten query vectors, with and without a scalar filter.
/// Run: dotnet run -c Release --project tests/Milvus.Benchmarks -- --filter '*SearchBenchmarks*'
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
[MemoryDiagnoser]
public class SearchBenchmarks
{
    private const int Rows = 100_000;
    private const int Dim = 128;
    private string _directory = "";
    private MilvusLocalEngine _engine = null!;
    private MilvusService.MilvusServiceClient _client = null!;
    private SearchRequest _one = null!;
    private SearchRequest _ten = null!;
    private SearchRequest _filtered = null!;

    [Params("L2", "COSINE")]
    public string Metric { get; set; } = "L2";

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "milvus-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        _engine = MilvusLocalEngine.Open(Path.Combine(_directory, "bench.db"));
        _client = new MilvusService.MilvusServiceClient(_engine.CreateCallInvoker());
        var schema = new CollectionSchema
        {
            Name = "bench",
            Fields =
            {
                new FieldSchema { Name = "id", DataType = DataType.Int64, IsPrimaryKey = true },
                new FieldSchema { Name = "v", DataType = DataType.FloatVector, TypeParams = { new KeyValuePair { Key = "dim", Value = Dim.ToString() } } },
            },
        };
        Check(_client.CreateCollection(new CreateCollectionRequest { CollectionName = "bench", Schema = schema.ToByteString() }));
        var random = new Random(42);
        const int batch = 10_000;
        for (var start = 0; start < Rows; start += batch)
        {
            var vectors = new FloatArray();
            for (var i = 0; i < batch * Dim; i++) vectors.Data.Add(random.NextSingle() * 2 - 1);
            var ids = new LongArray();
            for (var i = 0; i < batch; i++) ids.Data.Add(start + i);
            Check(_client.Insert(new InsertRequest
            {
                CollectionName = "bench", NumRows = batch,
                FieldsData =
                {
                    new FieldData { FieldName = "id", Type = DataType.Int64, Scalars = new ScalarField { LongData = ids } },
                    new FieldData { FieldName = "v", Type = DataType.FloatVector, Vectors = new VectorField { Dim = Dim, FloatVector = vectors } },
                },
            }).Status);
        }
        Check(_client.CreateIndex(new CreateIndexRequest
        {
            CollectionName = "bench", FieldName = "v",
            ExtraParams = { new KeyValuePair { Key = "index_type", Value = "FLAT" }, new KeyValuePair { Key = "metric_type", Value = Metric } },
        }));
        Check(_client.LoadCollection(new LoadCollectionRequest { CollectionName = "bench" }));
        _one = Request(random, 1, "");
        _ten = Request(random, 10, "");
        _filtered = Request(random, 1, "id % 2 == 0");
    }

    private static SearchRequest Request(Random random, int nq, string filter)
    {
        var placeholder = new PlaceholderValue { Tag = "$0", Type = PlaceholderType.FloatVector };
        for (var q = 0; q < nq; q++)
        {
            var bytes = new byte[Dim * 4];
            for (var i = 0; i < Dim; i++) BitConverter.TryWriteBytes(bytes.AsSpan(i * 4), random.NextSingle() * 2 - 1);
            placeholder.Values.Add(ByteString.CopyFrom(bytes));
        }
        return new SearchRequest
        {
            CollectionName = "bench", Dsl = filter, PlaceholderGroup = new PlaceholderGroup { Placeholders = { placeholder } }.ToByteString(),
            SearchParams = { new KeyValuePair { Key = "topk", Value = "10" } },
        };
    }

    [Benchmark(Description = "nq=1 top10")]
    public int SearchOne() => Run(_one);

    [Benchmark(Description = "nq=10 top10")]
    public int SearchTen() => Run(_ten);

    [Benchmark(Description = "nq=1 top10 filter id%2==0")]
    public int SearchFiltered() => Run(_filtered);

    private int Run(SearchRequest request)
    {
        var reply = _client.Search(request);
        Check(reply.Status);
        return reply.Results.Ids.IntId.Data.Count;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _engine.Dispose();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

    private static void Check(Status status)
    {
        if (status.Code != 0) throw new InvalidOperationException($"{status.Code}: {status.Reason}");
    }
}
