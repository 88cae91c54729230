using Milvus.Benchmarks.Data;
using Milvus.Protocol.Api;
using Milvus.Protocol.Common;
using Milvus.Protocol.Schema;
using Milvus.Local.Tests.Engine;
using static Milvus.Local.Tests.Engine.LocalEngineHarness;

namespace Milvus.Local.Tests.Indexes;

/// <summary>
/// The set-up the engine-level index tests share: collection "c" (id = row number, tag = id % 1000, vector "v" of
/// clustered rows, FLOAT_VECTOR unless a FLOAT16 / BFLOAT16 / INT8 type is asked) sealed by a flush, indexed and loaded
/// on either transport, and a search of every query that returns ids and scores per query.
/// </summary>
public abstract class IndexedCollectionTests(EngineTransport transport, int dim) : IDisposable
{
    protected const int Rows = 3000;
    protected readonly LocalEngineHarness _h = new(transport);

    /// <summary>The rows and queries as the vector field holds them (rounded to its type), so ground truth is exact.</summary>
    protected float[][] Data { get; private set; } = ClusteredVectors.Generate(Rows, dim, 30, seed: 11);
    protected float[][] Queries { get; private set; } = ClusteredVectors.Generate(40, dim, 30, seed: 12);
    private DataType _vectorType = DataType.FloatVector;

    public void Dispose() => _h.Dispose();

    protected Status CreateIndex(string indexType, string metric, string parameters) => _h.Client.CreateIndex(new CreateIndexRequest
    {
        CollectionName = "c", FieldName = "v",
        ExtraParams =
        {
            new KeyValuePair { Key = "index_type", Value = indexType }, new KeyValuePair { Key = "metric_type", Value = metric },
            new KeyValuePair { Key = "params", Value = parameters },
        },
    });

    /// <summary>Collection "c" with every row, sealed by a flush, indexed and loaded; the build runs in the background.</summary>
    protected void CreateIndexed(string indexType, string metric, string parameters, DataType vectorType = DataType.FloatVector)
    {
        CreateUnindexed(vectorType);
        Ok(CreateIndex(indexType, metric, parameters));
        Ok(_h.Client.LoadCollection(new LoadCollectionRequest { CollectionName = "c" }));
    }

    /// <summary>Collection "c" with every row of <paramref name="vectorType"/>, sealed by a flush, without an index yet.</summary>
    protected void CreateUnindexed(DataType vectorType = DataType.FloatVector)
    {
        // One build thread: the same graph every run, so each recall below is one fixed number, not a draw
        // (parallel builds, whose graphs vary from run to run, are checked with a margin in HnswIndexTests).
        _h.Engine.Core.Indexes.BuildThreads = 1;
        _vectorType = vectorType;
        Data = Data.Select(row => DenseVectorEncoding.Stored(vectorType, row)).ToArray();
        Queries = Queries.Select(row => DenseVectorEncoding.Stored(vectorType, row)).ToArray();
        Ok(_h.CreateCollection("c", Int64Pk(), Scalar("tag", DataType.Int64), Vector("v", vectorType, dim)));
        var ids = Enumerable.Range(0, Rows).Select(i => (long)i).ToArray();
        Ok(_h.Insert("c", Longs("id", ids), Longs("tag", ids.Select(i => i % 1000).ToArray()), DenseVectorEncoding.Field("v", vectorType, dim, Data)).Status);
        Ok(_h.Client.Flush(new FlushRequest { CollectionNames = { "c" } }).Status);
    }

    /// <summary><see cref="CreateIndexed"/>, then waits for the build and checks that it covers every row.</summary>
    protected void CreateBuilt(string indexType, string metric, string parameters, DataType vectorType = DataType.FloatVector)
    {
        CreateIndexed(indexType, metric, parameters, vectorType);
        var description = WaitForIndex();
        Assert.Equal(IndexState.Finished, description.State);
        Assert.Equal(Rows, description.IndexedRows);
    }

    protected IndexDescription Describe() => _h.Client.DescribeIndex(new DescribeIndexRequest { CollectionName = "c" }).IndexDescriptions.Single();

    /// <summary>The index's description once its build has finished (or after 2 minutes).</summary>
    protected IndexDescription WaitForIndex() => _h.WaitForIndex("c");

    /// <summary>
    /// Recall@10 (L2) of a search filtered to tag &lt; <paramref name="tagsPassing"/> (3 rows per tag) against the exact
    /// filtered ground truth, after checking that every hit passes and that each query gets as many as pass (up to 10).
    /// </summary>
    protected double FilteredRecall(int tagsPassing, params (string, string)[] extra)
    {
        var found = Search($"tag < {tagsPassing}", extra).Ids;
        Assert.All(found, hits => Assert.All(hits, id => Assert.True(id % 1000 < tagsPassing, $"row {id} does not pass tag < {tagsPassing}")));
        Assert.All(found, hits => Assert.Equal(Math.Min(10, 3 * tagsPassing), hits.Count));
        return ClusteredVectors.Recall(ClusteredVectors.GroundTruth(Data, Queries, 10, "L2", r => r % 1000 < tagsPassing), found);
    }

    /// <summary>Top 10 of every query, as ids and scores per query.</summary>
    protected (List<IReadOnlyCollection<int>> Ids, List<float[]> Scores) Search(string filter, params (string, string)[] extra)
    {
        var reply = _h.Search("c", DenseVectorEncoding.Placeholder(_vectorType, Queries), 10, filter, extra: extra);
        Ok(reply.Status);
        var ids = new List<IReadOnlyCollection<int>>();
        var scores = new List<float[]>();
        var at = 0;
        foreach (var count in reply.Results.Topks)
        {
            ids.Add(reply.Results.Ids.IntId.Data.Skip(at).Take((int)count).Select(i => (int)i).ToList());
            scores.Add(reply.Results.Scores.Skip(at).Take((int)count).ToArray());
            at += (int)count;
        }
        return (ids, scores);
    }
}
