using System.Diagnostics;
using Google.Protobuf;
using Milvus.Local.Tests.Engine;
using Milvus.Protocol.Api;
using Milvus.Protocol.Common;
using Milvus.Protocol.Schema;
using static Milvus.Local.Tests.Engine.LocalEngineHarness;

namespace Milvus.Local.Tests.FullText;

/// <summary>
/// Full-text search end to end: a BM25 function fills the sparse field from the text on insert, a text query is
/// scored with Milvus's BM25 (IDF log(1 + (N − n + 0.5)/(n + 0.5)), k1 1.2, b 0.75, avgdl = tokens / rows) over
/// the collection's statistics, which change with inserts and with compaction (not with deletes, as in Milvus),
/// and a sparse index returns exactly what the brute-force scan returns.
/// </summary>
public abstract class Bm25SearchTests(EngineTransport transport) : IDisposable
{
    private readonly LocalEngineHarness _h = new(transport);

    public void Dispose() => _h.Dispose();

    private static readonly string[] Docs =
    [
        "The quick brown fox",
        "the lazy dog",
        "Quick quick fox jumps",
        "a dog and a fox",
        "Milvus vector database",
    ];

    public static FieldSchema Text(string name = "text") => new()
    {
        Name = name, DataType = DataType.VarChar,
        TypeParams = { new KeyValuePair { Key = "max_length", Value = "1000" }, new KeyValuePair { Key = "enable_analyzer", Value = "true" } },
    };

    public static FieldSchema Sparse(string name = "sparse") => new() { Name = name, DataType = DataType.SparseFloatVector };

    public static FunctionSchema Bm25(string input = "text", string output = "sparse") => new()
    {
        Name = "bm25", Type = FunctionType.Bm25, InputFieldNames = { input }, OutputFieldNames = { output },
    };

    private Milvus.Protocol.Common.Status Create(string name, params FunctionSchema[] functions)
    {
        var schema = new CollectionSchema { Name = name, Fields = { Int64Pk(), Text(), Sparse() }, Functions = { functions } };
        return _h.Client.CreateCollection(new CreateCollectionRequest { CollectionName = name, Schema = schema.ToByteString() });
    }

    private void CreateLoaded(string name, string parameters = "{}", string indexType = "SPARSE_INVERTED_INDEX")
    {
        Ok(Create(name, Bm25()));
        Ok(_h.Client.CreateIndex(new CreateIndexRequest
        {
            CollectionName = name, FieldName = "sparse",
            ExtraParams =
            {
                new KeyValuePair { Key = "index_type", Value = indexType }, new KeyValuePair { Key = "metric_type", Value = "BM25" },
                new KeyValuePair { Key = "params", Value = parameters },
            },
        }));
        Ok(_h.Client.LoadCollection(new LoadCollectionRequest { CollectionName = name }));
    }

    private static ByteString Texts(params string[] texts) => Placeholder(PlaceholderType.VarChar, texts.Select(ByteString.CopyFromUtf8).ToArray());

    private SearchResults SearchText(string collection, string text, int limit = 10, params (string, string)[] extra)
    {
        var reply = _h.Search(collection, Texts(text), limit, annsField: "sparse", extra: [("metric_type", "BM25"), .. extra]);
        Ok(reply.Status);
        return reply;
    }

    /// <summary>Hand-computed BM25 of a document for the query "quick fox" (standard analyzer: lowercase words).</summary>
    private static double Score(string[] corpus, string doc, string query, double k1 = 1.2, double b = 0.75)
    {
        static string[] Tokens(string s) => s.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var docs = corpus.Select(Tokens).ToList();
        var avgdl = docs.Sum(d => d.Length) / (double)docs.Count;
        var words = Tokens(doc);
        double score = 0;
        foreach (var term in Tokens(query).GroupBy(t => t))
        {
            var tf = words.Count(w => w == term.Key);
            if (tf == 0) continue;
            var n = docs.Count(d => d.Contains(term.Key));
            var idf = Math.Log(1 + (docs.Count - n + 0.5) / (n + 0.5));
            score += term.Count() * idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * words.Length / avgdl));
        }
        return score;
    }

    private static void AssertHits(SearchResults reply, long[] ids, double[] scores)
    {
        Assert.Equal(ids, reply.Results.Ids.IntId.Data);
        Assert.Equal(scores.Length, reply.Results.Scores.Count);
        // Milvus scores in float32: equal to the double-precision hand computation to float precision.
        for (var i = 0; i < scores.Length; i++) Assert.Equal(scores[i], reply.Results.Scores[i], 2e-6 * Math.Max(1, scores[i]));
    }

    [Fact]
    public void Text_search_scores_are_milvus_bm25_over_the_collection_statistics()
    {
        CreateLoaded("docs");
        Ok(_h.Insert("docs", Longs("id", 1, 2, 3, 4, 5), Strings("text", Docs)).Status);
        var reply = SearchText("docs", "quick fox", extra: [("round_decimal", "-1")]);
        // Doc 3 has "quick" twice; docs 1 and 4 share "fox" (4 is longer); 2 and 5 share no term and are no hits.
        AssertHits(reply, [3, 1, 4], [Score(Docs, Docs[2], "quick fox"), Score(Docs, Docs[0], "quick fox"), Score(Docs, Docs[3], "quick fox")]);
    }

    [Fact]
    public void Deletes_hide_rows_and_compaction_updates_the_statistics()
    {
        CreateLoaded("docs");
        Ok(_h.Insert("docs", Longs("id", 1, 2, 3, 4, 5), Strings("text", Docs)).Status);
        Ok(_h.Client.Delete(new DeleteRequest { CollectionName = "docs", Expr = "id in [3]" }).Status);
        // Milvus keeps a deleted row in the statistics until compaction drops it.
        AssertHits(SearchText("docs", "quick fox"), [1, 4], [Score(Docs, Docs[0], "quick fox"), Score(Docs, Docs[3], "quick fox")]);
        Ok(_h.Client.ManualCompaction(new ManualCompactionRequest { CollectionName = "docs" }).Status);
        string[] remaining = [Docs[0], Docs[1], Docs[3], Docs[4]];
        AssertHits(SearchText("docs", "quick fox"), [1, 4], [Score(remaining, Docs[0], "quick fox"), Score(remaining, Docs[3], "quick fox")]);
    }

    [Fact]
    public void Inserts_and_upserts_change_the_statistics_and_the_sparse_field()
    {
        CreateLoaded("docs");
        Ok(_h.Insert("docs", Longs("id", 1, 2, 3, 4, 5), Strings("text", Docs)).Status);
        Ok(_h.Client.Upsert(new UpsertRequest { CollectionName = "docs", FieldsData = { Longs("id", 2), Strings("text", "lazy fox") }, NumRows = 1 }).Status);
        // The upserted row is new text; the replaced row stays in the statistics until compaction (six rows now).
        string[] stored = [.. Docs, "lazy fox"];
        AssertHits(SearchText("docs", "lazy"), [2], [Score(stored, "lazy fox", "lazy")]);
        var query = _h.Query("docs", "id == 2", ["text"]);
        Ok(query.Status);
        Assert.Equal(["lazy fox"], query.FieldsData.Single(f => f.FieldName == "text").Scalars.StringData.Data);
    }

    [Fact]
    public void Function_output_is_refused_in_data_and_in_query_outputs()
    {
        CreateLoaded("docs");
        var insert = _h.Insert("docs", Longs("id", 1), Strings("text", "a"), SparseVectors("sparse", [(1u, 1f)]));
        Fails(insert.Status, 1100, "not allow to set function output field sparse: invalid parameter");
        Ok(_h.Insert("docs", Longs("id", 1), Strings("text", "a fox")).Status);
        Fails(_h.Query("docs", "id > 0", ["sparse"]).Status, 65535, "not allowed to retrieve raw data of field sparse");
        var all = _h.Query("docs", "id > 0", ["*"]);
        Ok(all.Status);
        Assert.Equal(["id", "text"], all.FieldsData.Select(f => f.FieldName).Order());
    }

    [Fact]
    public void Search_errors_are_milvus_errors()
    {
        CreateLoaded("docs");
        Ok(_h.Insert("docs", Longs("id", 1), Strings("text", "a fox")).Status);
        var vector = _h.Search("docs", FloatPlaceholder([1f, 2f]), 3, annsField: "sparse");
        Fails(vector.Status, 1100, "please provide varchar/text for BM25 Function based search, got FloatVector: invalid parameter");
        var metric = _h.Search("docs", Texts("fox"), 3, annsField: "sparse", extra: ("metric_type", "IP"));
        Fails(metric.Status, 1100, "metric type not match: invalid parameter[expected=BM25][actual=IP]");
    }

    [Fact]
    public void Schema_and_index_rules_are_milvus_rules()
    {
        var plainText = new CollectionSchema { Name = "x", Fields = { Int64Pk(), VarChar("text", 100), Sparse() }, Functions = { Bm25() } };
        Fails(_h.Client.CreateCollection(new CreateCollectionRequest { CollectionName = "x", Schema = plainText.ToByteString() }),
            65535, "BM25 function input field must set enable_analyzer to true");
        var wrongOutput = new CollectionSchema { Name = "x", Fields = { Int64Pk(), Text(), Vector("sparse", DataType.FloatVector, 4) }, Functions = { Bm25() } };
        Fails(_h.Client.CreateCollection(new CreateCollectionRequest { CollectionName = "x", Schema = wrongOutput.ToByteString() }),
            65535, "BM25 function output field must be a SparseFloatVector field, but got FloatVector");
        var missing = new CollectionSchema { Name = "x", Fields = { Int64Pk(), Text(), Sparse() }, Functions = { Bm25(output: "nope") } };
        Fails(_h.Client.CreateCollection(new CreateCollectionRequest { CollectionName = "x", Schema = missing.ToByteString() }),
            65535, "function output field not found: nope");
        var withParams = Bm25();
        withParams.Params.Add(new KeyValuePair { Key = "k", Value = "v" });
        var paramsSchema = new CollectionSchema { Name = "x", Fields = { Int64Pk(), Text(), Sparse() }, Functions = { withParams } };
        Fails(_h.Client.CreateCollection(new CreateCollectionRequest { CollectionName = "x", Schema = paramsSchema.ToByteString() }),
            65535, "BM25 function accepts no params");

        Ok(Create("docs", Bm25()));
        var described = _h.Client.DescribeCollection(new DescribeCollectionRequest { CollectionName = "docs" }).Schema;
        Assert.True(described.Fields.Single(f => f.Name == "sparse").IsFunctionOutput);
        var function = described.Functions.Single();
        Assert.Equal(100, function.Id);
        Assert.Equal([101L], function.InputFieldIds);
        Assert.Equal([102L], function.OutputFieldIds);
        Status Index(string metric, string parameters = "{}") => _h.Client.CreateIndex(new CreateIndexRequest
        {
            CollectionName = "docs", FieldName = "sparse",
            ExtraParams = { new KeyValuePair { Key = "index_type", Value = "SPARSE_INVERTED_INDEX" }, new KeyValuePair { Key = "metric_type", Value = metric }, new KeyValuePair { Key = "params", Value = parameters } },
        });
        Fails(Index("IP"), 65535, "index metric type of BM25 function output field must be BM25");
        Fails(Index("BM25", "{\"inverted_index_algo\": \"FOO\"}"), 1100,
            "sparse inverted index algo FOO not found or not supported, supported: [TAAT_NAIVE DAAT_WAND DAAT_MAXSCORE BLOCK_MAX_MAXSCORE BLOCK_MAX_WAND SINDI]: invalid parameter");
        // Spelled exactly, as Milvus 3.0's proxy checks it.
        Fails(Index("BM25", "{\"inverted_index_algo\": \"sindi\"}"), 1100,
            "sparse inverted index algo sindi not found or not supported, supported: [TAAT_NAIVE DAAT_WAND DAAT_MAXSCORE BLOCK_MAX_MAXSCORE BLOCK_MAX_WAND SINDI]: invalid parameter");
        Fails(Index("BM25", "{\"bm25_k1\": 3.5}"), 1100, "param 'bm25_k1' (3.5) should be in range [0.000000, 3.000000]: invalid parameter");
        Ok(Index("BM25", "{\"bm25_k1\": 1.5, \"bm25_b\": 0.5}"));
    }

    [Fact]
    public void Index_k1_and_b_are_used_and_only_taat_overrides_them_at_search()
    {
        CreateLoaded("daat", "{\"bm25_k1\": 1.5, \"bm25_b\": 0.5}");
        Ok(_h.Insert("daat", Longs("id", 1, 2, 3, 4, 5), Strings("text", Docs)).Status);
        AssertHits(SearchText("daat", "quick fox"), [3, 1, 4],
            [Score(Docs, Docs[2], "quick fox", 1.5, 0.5), Score(Docs, Docs[0], "quick fox", 1.5, 0.5), Score(Docs, Docs[3], "quick fox", 1.5, 0.5)]);
        var mismatch = _h.Search("daat", Texts("fox"), 3, annsField: "sparse", extra: ("params", "{\"bm25_k1\": 2.0}"));
        Fails(mismatch.Status, 1100, "search time k1/b must equal load time config for DAAT_WAND or DAAT_MAXSCORE algorithm.: invalid parameter");

        CreateLoaded("taat", "{\"inverted_index_algo\": \"TAAT_NAIVE\"}");
        Ok(_h.Insert("taat", Longs("id", 1, 2, 3, 4, 5), Strings("text", Docs)).Status);
        AssertHits(SearchText("taat", "quick fox", extra: ("params", "{\"bm25_k1\": 2.0, \"bm25_b\": 1.0}")), [3, 1, 4],
            [Score(Docs, Docs[2], "quick fox", 2.0, 1.0), Score(Docs, Docs[0], "quick fox", 2.0, 1.0), Score(Docs, Docs[3], "quick fox", 2.0, 1.0)]);
    }

    private static readonly float[][] Dense = [[0.5f, 0], [0.8f, 0], [0, 1], [0.9f, 0], [0.1f, 0]];

    private void CreateHybrid()
    {
        var schema = new CollectionSchema { Name = "hy", Fields = { Int64Pk(), Text(), Sparse(), Vector("dense", DataType.FloatVector, 2) }, Functions = { Bm25() } };
        Ok(_h.Client.CreateCollection(new CreateCollectionRequest { CollectionName = "hy", Schema = schema.ToByteString() }));
        Ok(_h.Client.CreateIndex(new CreateIndexRequest
        {
            CollectionName = "hy", FieldName = "sparse",
            ExtraParams = { new KeyValuePair { Key = "index_type", Value = "SPARSE_INVERTED_INDEX" }, new KeyValuePair { Key = "metric_type", Value = "BM25" } },
        }));
        _h.IndexAndLoad("hy", "dense", "IP");
        Ok(_h.Insert("hy", Longs("id", 1, 2, 3, 4, 5), Strings("text", Docs), FloatVectors("dense", 2, Dense)).Status);
    }

    private static SearchRequest Sub(string field, ByteString placeholder) => new()
    {
        PlaceholderGroup = placeholder,
        SearchParams = { new KeyValuePair { Key = "anns_field", Value = field }, new KeyValuePair { Key = "topk", Value = "3" } },
    };

    private SearchResults Hybrid(string strategy, string parameters)
    {
        var reply = _h.Client.HybridSearch(new HybridSearchRequest
        {
            CollectionName = "hy", Requests = { Sub("sparse", Texts("quick fox")), Sub("dense", FloatPlaceholder([1f, 0f])) },
            RankParams =
            {
                new KeyValuePair { Key = "strategy", Value = strategy }, new KeyValuePair { Key = "params", Value = parameters },
                new KeyValuePair { Key = "limit", Value = "4" },
            },
            OutputFields = { "text" },
        });
        Ok(reply.Status);
        return reply;
    }

    [Fact]
    public void Hybrid_search_fuses_bm25_and_dense_with_rrf()
    {
        CreateHybrid();
        // BM25 "quick fox": 3, 1, 4. Dense IP to [1, 0]: 4 (0.9), 2 (0.8), 1 (0.5). RRF k 60 sums 1/(60 + rank) per list.
        var reply = Hybrid("rrf", "{\"k\": 60}");
        Assert.Equal([4L, 1, 3, 2], reply.Results.Ids.IntId.Data);
        Assert.Equal([1 / 63f + 1 / 61f, 1 / 62f + 1 / 63f, 1 / 61f, 1 / 62f], reply.Results.Scores);
        Assert.Equal([Docs[3], Docs[0], Docs[2], Docs[1]], reply.Results.FieldsData.Single().Scalars.StringData.Data);
    }

    [Fact]
    public void Hybrid_search_fuses_bm25_and_dense_with_normalized_weights()
    {
        CreateHybrid();
        var bm25 = SearchText("hy", "quick fox", 3);
        Assert.Equal([3L, 1, 4], bm25.Results.Ids.IntId.Data);
        float Bm25Norm(int i) => 2 * (float)Math.Atan(bm25.Results.Scores[i]) / MathF.PI;
        static float IpNorm(float s) => 0.5f + (float)Math.Atan(s) / MathF.PI;
        var reply = Hybrid("weighted", "{\"weights\": [0.7, 0.3], \"norm_score\": true}");
        var expected = new Dictionary<long, float>
        {
            [3] = 0.7f * Bm25Norm(0),
            [1] = 0.7f * Bm25Norm(1) + 0.3f * IpNorm(0.5f),
            [4] = 0.7f * Bm25Norm(2) + 0.3f * IpNorm(0.9f),
            [2] = 0.3f * IpNorm(0.8f),
        };
        var order = expected.OrderByDescending(e => e.Value).ThenBy(e => e.Key).ToList();
        Assert.Equal(order.Select(e => e.Key), reply.Results.Ids.IntId.Data);
        Assert.Equal(order.Select(e => e.Value), reply.Results.Scores);
    }

    [Fact]
    public void Add_function_field_backfills_existing_rows()
    {
        Ok(_h.CreateCollection("late", Int64Pk(), Text(), Vector("dense", DataType.FloatVector, 2)));
        _h.IndexAndLoad("late", "dense", "L2");
        Ok(_h.Insert("late", Longs("id", 1, 2, 3), Strings("text", Docs[..3]), FloatVectors("dense", 2, Dense[..3])).Status);
        Ok(_h.Client.Flush(new FlushRequest { CollectionNames = { "late" } }).Status);
        var add = new Milvus.Protocol.Api.AlterCollectionSchemaRequest.Types.AddRequest
        {
            FieldInfos =
            {
                new Milvus.Protocol.Api.AlterCollectionSchemaRequest.Types.FieldInfo
                {
                    FieldSchema = Sparse(), IndexName = "sparse_idx",
                    ExtraParams = { new KeyValuePair { Key = "index_type", Value = "SPARSE_INVERTED_INDEX" }, new KeyValuePair { Key = "metric_type", Value = "BM25" } },
                },
            },
            FuncSchema = { Bm25() },
        };
        Ok(_h.Client.AlterCollectionSchema(new AlterCollectionSchemaRequest
        {
            CollectionName = "late", Action = new Milvus.Protocol.Api.AlterCollectionSchemaRequest.Types.Action { AddRequest = add },
        }).AlterStatus);
        Ok(_h.Insert("late", Longs("id", 4, 5), Strings("text", Docs[3..]), FloatVectors("dense", 2, Dense[3..])).Status);
        AssertHits(SearchText("late", "quick fox"), [3, 1, 4], [Score(Docs, Docs[2], "quick fox"), Score(Docs, Docs[0], "quick fox"), Score(Docs, Docs[3], "quick fox")]);
        _h.Reopen();
        Ok(_h.Client.LoadCollection(new LoadCollectionRequest { CollectionName = "late" }));
        AssertHits(SearchText("late", "quick fox"), [3, 1, 4], [Score(Docs, Docs[2], "quick fox"), Score(Docs, Docs[0], "quick fox"), Score(Docs, Docs[3], "quick fox")]);
        var described = _h.Client.DescribeCollection(new DescribeCollectionRequest { CollectionName = "late" }).Schema;
        Assert.Equal("bm25", described.Functions.Single().Name);
        Assert.Equal("sparse_idx", _h.Client.DescribeIndex(new DescribeIndexRequest { CollectionName = "late", FieldName = "sparse" }).IndexDescriptions.Single().IndexName);
    }

    /// <summary>A deterministic corpus of <paramref name="rows"/> documents over a Zipf-like vocabulary.</summary>
    private static string[] Corpus(int rows, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, rows).Select(_ => string.Join(' ',
            Enumerable.Range(0, random.Next(3, 30)).Select(_ => "w" + (int)(Math.Pow(800, random.NextDouble()))))).ToArray();
    }

    [Theory]
    [InlineData("DAAT_MAXSCORE", "")]
    [InlineData("DAAT_WAND", "")]
    [InlineData("TAAT_NAIVE", "")]
    [InlineData("BLOCK_MAX_MAXSCORE", ", \"block_max_block_size\": 16")]
    [InlineData("BLOCK_MAX_WAND", ", \"block_max_block_size\": 16")]
    [InlineData("SINDI", ", \"sindi_window_size\": 100")]
    public void A_built_index_returns_what_the_brute_force_scan_returns(string algorithm, string sizes)
    {
        var corpus = Corpus(1500, seed: 5);
        var ids = Enumerable.Range(1, corpus.Length).Select(i => (long)i).ToArray();
        // "scan": growing segments are never indexed; "indexed": one sealed segment of 1500 rows gets the index.
        CreateLoaded("scan", $"{{\"inverted_index_algo\": \"{algorithm}\"{sizes}}}");
        CreateLoaded("indexed", $"{{\"inverted_index_algo\": \"{algorithm}\"{sizes}}}");
        Ok(_h.Insert("scan", Longs("id", ids), Strings("text", corpus)).Status);
        Ok(_h.Insert("indexed", Longs("id", ids), Strings("text", corpus)).Status);
        Ok(_h.Client.Flush(new FlushRequest { CollectionNames = { "indexed" } }).Status);
        var clock = Stopwatch.StartNew();
        while (_h.Client.DescribeIndex(new DescribeIndexRequest { CollectionName = "indexed" }).IndexDescriptions.Single() is { State: not IndexState.Finished })
        {
            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(1), "the sparse index was not built");
            Thread.Sleep(50);
        }
        var description = _h.Client.DescribeIndex(new DescribeIndexRequest { CollectionName = "indexed" }).IndexDescriptions.Single();
        Assert.Equal(1500, description.IndexedRows);
        foreach (var query in Corpus(20, seed: 6))
        {
            var expected = SearchText("scan", query, 50, ("filter", ""));
            var actual = SearchText("indexed", query, 50);
            Assert.NotEmpty(expected.Results.Scores);
            Assert.Equal(expected.Results.Ids.IntId.Data, actual.Results.Ids.IntId.Data);
            Assert.Equal(expected.Results.Scores, actual.Results.Scores);
        }
    }
}

public sealed class InProcessBm25SearchTests() : Bm25SearchTests(EngineTransport.InProcess);

public sealed class KestrelBm25SearchTests() : Bm25SearchTests(EngineTransport.Kestrel);
