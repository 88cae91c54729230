using Milvus.Local.Columns;
using Milvus.Protocol.Api;
using Milvus.Protocol.Common;
using Milvus.Protocol.Schema;
using Milvus.Local.Tests.Engine;
using static Milvus.Local.Tests.Engine.LocalEngineHarness;

namespace Milvus.Local.Tests.Indexes;

/// <summary>
/// SPARSE_INVERTED_INDEX and SPARSE_WAND with IP on a SPARSE_FLOAT_VECTOR field, through the engine: once the sealed
/// segment's index is built, a search returns exactly the brute-force top 10 (ids, scores, ties by id), with a filter
/// and after deletes too, and a reopened database serves the stored index at once. (BM25 through the engine: Bm25SearchTests, every inverted_index_algo.)
/// </summary>
public abstract class SparseIndexEngineTests(EngineTransport transport) : IDisposable
{
    private const int Rows = 2000;
    private static readonly SparseRow[] Data = SparseInvertedIndexTests.Corpus(Rows, seed: 3).Values;
    private static readonly SparseRow[] Queries = Enumerable.Range(0, 20).Select(i => SparseInvertedIndexTests.Corpus(1, seed: 100 + i).Values[0]).ToArray();
    private readonly LocalEngineHarness _h = new(transport);

    public void Dispose() => _h.Dispose();

    private static (uint, float)[] Pairs(SparseRow row) => row.Indices.Zip(row.Values).ToArray();

    /// <summary>Inner products are sums of small integers here: exact in floats, so ties are real and broken by id.</summary>
    private static float InnerProduct(SparseRow query, SparseRow row)
    {
        var terms = row.Indices.Zip(row.Values).ToDictionary(p => p.First, p => p.Second);
        return query.Indices.Zip(query.Values).Sum(p => terms.TryGetValue(p.First, out var v) ? p.Second * v : 0f);
    }

    private static List<(long Id, float Score)> Expected(SparseRow query, Func<int, bool> live)
        => Enumerable.Range(0, Rows).Where(live).Select(r => (Id: (long)r, Score: InnerProduct(query, Data[r])))
            .Where(x => x.Score != 0).OrderByDescending(x => x.Score).ThenBy(x => x.Id).Take(10).ToList();

    private void CreateIndexed(string indexType)
    {
        Ok(_h.CreateCollection("s", Int64Pk(), Scalar("tag", DataType.Int64), new FieldSchema { Name = "v", DataType = DataType.SparseFloatVector }));
        var ids = Enumerable.Range(0, Rows).Select(i => (long)i).ToArray();
        Ok(_h.Insert("s", Longs("id", ids), Longs("tag", ids.Select(i => i % 1000).ToArray()), SparseVectors("v", Data.Select(Pairs).ToArray())).Status);
        Ok(_h.Client.Flush(new FlushRequest { CollectionNames = { "s" } }).Status);
        Ok(_h.Client.CreateIndex(new CreateIndexRequest
        {
            CollectionName = "s", FieldName = "v",
            ExtraParams = { new KeyValuePair { Key = "index_type", Value = indexType }, new KeyValuePair { Key = "metric_type", Value = "IP" } },
        }));
        Ok(_h.Client.LoadCollection(new LoadCollectionRequest { CollectionName = "s" }));
        var description = _h.WaitForIndex("s");
        Assert.Equal((IndexState.Finished, (long)Rows), (description.State, description.IndexedRows));
    }

    private void AssertExact(Func<int, bool> live, string filter = "")
    {
        foreach (var query in Queries)
        {
            var reply = _h.Search("s", Placeholder(PlaceholderType.SparseFloatVector, SparseBytes(Pairs(query))), 10, filter);
            Ok(reply.Status);
            var expected = Expected(query, live);
            Assert.NotEmpty(expected);
            Assert.Equal(expected.Select(e => e.Id), reply.Results.Ids.IntId.Data);
            Assert.Equal(expected.Select(e => e.Score), reply.Results.Scores);
        }
    }

    [Theory]
    [InlineData("SPARSE_INVERTED_INDEX")]
    [InlineData("SPARSE_WAND")]
    public void The_built_index_returns_exactly_the_brute_force_top_10(string indexType)
    {
        CreateIndexed(indexType);
        AssertExact(_ => true);
        AssertExact(r => r % 1000 < 500, "tag < 500");
        Ok(_h.Client.Delete(new DeleteRequest { CollectionName = "s", Expr = "id < 300" }).Status);
        AssertExact(r => r >= 300);
        _h.Reopen();
        // Finished on the first call: the stored index is attached, nothing waits to be built.
        var description = _h.Client.DescribeIndex(new DescribeIndexRequest { CollectionName = "s" }).IndexDescriptions.Single();
        Assert.Equal((IndexState.Finished, (long)Rows, 0L), (description.State, description.IndexedRows, description.PendingIndexRows));
        AssertExact(r => r >= 300);
    }
}

public sealed class InProcessSparseIndexEngineTests() : SparseIndexEngineTests(EngineTransport.InProcess);

public sealed class KestrelSparseIndexEngineTests() : SparseIndexEngineTests(EngineTransport.Kestrel);
