using System.Numerics;
using Google.Protobuf;
using Milvus.Protocol.Api;
using Milvus.Protocol.Common;
using Milvus.Protocol.Schema;
using Milvus.Local.Tests.Engine;
using static Milvus.Local.Tests.Engine.LocalEngineHarness;

namespace Milvus.Local.Tests.Indexes;

/// <summary>
/// BIN_IVF_FLAT on a BINARY_VECTOR field: built in the background on the sealed segment, probing all lists gives
/// exactly the exact search's hits (HAMMING and JACCARD), fewer probes trade recall, filters and deletes are
/// honoured inside the lists, and a reopened database serves the stored lists without a rebuild. BIN_FLAT answers
/// exactly, with and without a filter.
/// </summary>
public abstract class BinaryIvfIndexTests(EngineTransport transport) : IDisposable
{
    private const int Rows = 3000;
    private const int Bits = 128;
    private static readonly byte[][] Data = Clustered(Rows, seed: 21);
    private static readonly byte[][] Queries = Clustered(30, seed: 22);
    private readonly LocalEngineHarness _h = new(transport);

    public void Dispose() => _h.Dispose();

    /// <summary>Rows around 10 random centres, each bit flipped with probability 0.2 (fixed seed; centres shared by rows and queries).</summary>
    private static byte[][] Clustered(int count, int seed)
    {
        var centres = new Random(7);
        var centre = Enumerable.Range(0, 10).Select(_ => { var c = new byte[Bits / 8]; centres.NextBytes(c); return c; }).ToArray();
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ =>
        {
            var row = (byte[])centre[random.Next(centre.Length)].Clone();
            for (var bit = 0; bit < Bits; bit++)
                if (random.NextDouble() < 0.2) row[bit >> 3] ^= (byte)(1 << (bit & 7));
            return row;
        }).ToArray();
    }

    private static float Distance(byte[] a, byte[] b, string metric)
    {
        int xor = 0, and = 0, or = 0;
        for (var i = 0; i < a.Length; i++)
        {
            xor += BitOperations.PopCount((uint)(a[i] ^ b[i]));
            and += BitOperations.PopCount((uint)(a[i] & b[i]));
            or += BitOperations.PopCount((uint)(a[i] | b[i]));
        }
        return metric == "HAMMING" ? xor : 1f - (float)and / or;
    }

    /// <summary>The exact top 10 ids per query among rows passing, ties by id (the engine's order for one segment).</summary>
    private static List<long[]> Exact(string metric, Func<int, bool> passes)
        => Queries.Select(q => Enumerable.Range(0, Rows).Where(passes).OrderBy(r => Distance(q, Data[r], metric)).ThenBy(r => r).Take(10).Select(r => (long)r).ToArray()).ToList();

    private void CreateIndexed(string metric, int nlist, string indexType = "BIN_IVF_FLAT")
    {
        Ok(_h.CreateCollection("c", Int64Pk(), Scalar("tag", DataType.Int64), Vector("v", DataType.BinaryVector, Bits)));
        var ids = Enumerable.Range(0, Rows).Select(i => (long)i).ToArray();
        Ok(_h.Insert("c", Longs("id", ids), Longs("tag", ids.Select(i => i % 1000).ToArray()), BinaryVectors("v", Bits, Data)).Status);
        Ok(_h.Client.Flush(new FlushRequest { CollectionNames = { "c" } }).Status);
        Ok(_h.Client.CreateIndex(new CreateIndexRequest
        {
            CollectionName = "c", FieldName = "v",
            ExtraParams =
            {
                new KeyValuePair { Key = "index_type", Value = indexType }, new KeyValuePair { Key = "metric_type", Value = metric },
                new KeyValuePair { Key = "params", Value = $"{{\"nlist\": {nlist}}}" },
            },
        }));
        Ok(_h.Client.LoadCollection(new LoadCollectionRequest { CollectionName = "c" }));
        var description = _h.WaitForIndex("c");
        Assert.Equal(IndexState.Finished, description.State);
        Assert.Equal(Rows, description.IndexedRows);
    }

    private List<long[]> SearchAll(int nprobe, string filter = "")
    {
        var reply = _h.Search("c", Placeholder(PlaceholderType.BinaryVector, Queries.Select(q => ByteString.CopyFrom(q)).ToArray()), 10, filter,
            extra: ("params", $"{{\"nprobe\": {nprobe}}}"));
        Ok(reply.Status);
        var ids = reply.Results.Ids.IntId.Data;
        var found = new List<long[]>();
        var at = 0;
        foreach (var count in reply.Results.Topks)
        {
            found.Add(ids.Skip(at).Take((int)count).ToArray());
            at += (int)count;
        }
        return found;
    }

    /// <summary>Share of the exact top 10 found (ids whose distance ties the 10th count as found).</summary>
    private static double Recall(string metric, List<long[]> found)
    {
        var hits = 0;
        for (var q = 0; q < Queries.Length; q++)
        {
            var tenth = Enumerable.Range(0, Rows).Select(r => Distance(Queries[q], Data[r], metric)).Order().ElementAt(9);
            hits += found[q].Count(id => Distance(Queries[q], Data[id], metric) <= tenth);
        }
        return hits / (10.0 * Queries.Length);
    }

    [Theory]
    [InlineData("HAMMING")]
    [InlineData("JACCARD")]
    public void Probing_every_list_returns_exactly_the_exact_search_and_fewer_lists_trade_recall(string metric)
    {
        CreateIndexed(metric, nlist: 32);
        Assert.Equal(Exact(metric, _ => true), SearchAll(nprobe: 32));
        var one = Recall(metric, SearchAll(nprobe: 1));
        var eight = Recall(metric, SearchAll(nprobe: 8));
        // The index is really used: one list of 32 misses rows (0.903 HAMMING, 0.880 JACCARD on this data), eight find all.
        Assert.InRange(one, 0.85, 0.95);
        Assert.Equal(1.0, eight);
    }

    [Theory]
    [InlineData("HAMMING")]
    [InlineData("JACCARD")]
    public void Bin_flat_returns_exactly_the_exact_search(string metric)
    {
        CreateIndexed(metric, nlist: 32, indexType: "BIN_FLAT");
        Assert.Equal(Exact(metric, _ => true), SearchAll(nprobe: 1)); // a flat index has no lists: nprobe changes nothing
        Assert.Equal(Exact(metric, r => r % 1000 < 10), SearchAll(nprobe: 1, filter: "tag < 10"));
    }

    [Fact]
    public void Filters_and_deletes_are_honoured_inside_the_lists()
    {
        CreateIndexed("HAMMING", nlist: 16);
        var deleted = Exact("HAMMING", _ => true).SelectMany(ids => ids.Take(2)).Distinct().ToHashSet();
        Ok(_h.Client.Delete(new DeleteRequest { CollectionName = "c", Expr = $"id in [{string.Join(",", deleted)}]" }).Status);
        var found = SearchAll(nprobe: 16, filter: "tag < 500");
        Assert.Equal(Exact("HAMMING", r => r % 1000 < 500 && !deleted.Contains(r)), found);
    }

    [Fact]
    public void A_reopened_database_serves_the_stored_lists_without_rebuilding()
    {
        CreateIndexed("HAMMING", nlist: 16);
        var before = SearchAll(nprobe: 4);
        _h.Reopen();
        var description = _h.Client.DescribeIndex(new DescribeIndexRequest { CollectionName = "c" }).IndexDescriptions.Single();
        Assert.Equal(IndexState.Finished, description.State);
        Assert.Equal("BIN_IVF_FLAT", description.Params.Single(p => p.Key == "index_type").Value);
        Thread.Sleep(200);
        Assert.Equal(before, SearchAll(nprobe: 4));
    }

    [Fact]
    public void Substructure_is_refused_as_Milvus_does()
    {
        Ok(_h.CreateCollection("c", Int64Pk(), Vector("v", DataType.BinaryVector, Bits)));
        Fails(_h.Client.CreateIndex(new CreateIndexRequest
        {
            CollectionName = "c", FieldName = "v",
            ExtraParams = { new KeyValuePair { Key = "index_type", Value = "BIN_IVF_FLAT" }, new KeyValuePair { Key = "metric_type", Value = "SUBSTRUCTURE" } },
        }), 1100, "metric type SUBSTRUCTURE not found or not supported, supported: [HAMMING JACCARD]: invalid parameter");
    }
}

public sealed class InProcessBinaryIvfIndexTests() : BinaryIvfIndexTests(EngineTransport.InProcess);

public sealed class KestrelBinaryIvfIndexTests() : BinaryIvfIndexTests(EngineTransport.Kestrel);
