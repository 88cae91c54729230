using Milvus.Benchmarks.Data;
using Milvus.Local;
using Milvus.Local.Catalog;
using Milvus.Local.Data;
using Milvus.Local.Engine;
using Milvus.Local.Indexes;
using Milvus.Local.Search;
using Milvus.Protocol.Api;

namespace Milvus.Benchmarks.Ann;

/// <summary>
/// Set A's HNSW collection (M 16) in a temporary in-process engine, with what the per-layer modes (ann-profile,
/// ann-scaling) call each layer with: requests of set A's own queries at ef 16 (the walks `ann A` times), the
/// collection snapshot, its views, parameters, built indexes, masks and decoded queries. Disposing closes the engine
/// and deletes its files.
/// </summary>
internal sealed class ProfiledSearch : IDisposable
{
    public const string SearchParams = "{\"ef\": 16}";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "milvus-profile-" + Guid.NewGuid().ToString("N"));

    public ProfiledSearch(int rows, string efConstruction = "200")
    {
        var data = ClusteredVectors.Generate(rows, 128, 200, seed: 42, spread: 0.8f);
        Queries = AnnBenchmark.Queries(128, 200);
        var set = new AnnBenchmark.DataSet("A", rows, 128, "L2", data, Queries, []);
        Directory.CreateDirectory(_directory);
        Engine = MilvusLocalEngine.Open(Path.Combine(_directory, "p.db"));
        Client = new MilvusService.MilvusServiceClient(Engine.CreateCallInvoker());
        AnnBenchmark.CreateIndexed(Client, set, "hnsw", "HNSW", $"{{\"M\": 16, \"efConstruction\": {efConstruction}}}");
        Requests = Queries.Select(q => AnnBenchmark.Request("hnsw", [q], SearchParams)).ToArray();
        Core = Engine.Core;
        Collection = Core.Collection("default", "hnsw");
        Views = Core.LoadedData(Collection.Id)!.Snapshot;
        Parameters = SearchParameters.Parse(Collection, Requests[0].SearchParams);
        // Loading attaches the stored graphs in the background: wait for them.
        while ((Indexes = Views.Select(v => (IVectorIndex?)Core.Indexes.Find(v.Segment, Parameters.Index.Id)).ToArray()).Any(x => x is null)) Thread.Sleep(50);
        Masks = Views.Select(v => RowMask.Excluding(v)).ToArray();
        Decoded = Requests.Select(r => QueryVector.FromPlaceholderGroup(r.PlaceholderGroup, Parameters.Field)).ToArray();
    }

    public MilvusLocalEngine Engine { get; }
    public MilvusService.MilvusServiceClient Client { get; }
    public float[][] Queries { get; }
    public SearchRequest[] Requests { get; }
    public EngineCore Core { get; }
    public CollectionMeta Collection { get; }
    public SegmentView[] Views { get; }
    public SearchParameters Parameters { get; }
    public IVectorIndex?[] Indexes { get; }
    public RowMask[] Masks { get; }
    public List<QueryVector>[] Decoded { get; }

    public void Dispose()
    {
        Engine.Dispose();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}
