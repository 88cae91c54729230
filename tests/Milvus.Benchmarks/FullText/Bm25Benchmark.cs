using System.Diagnostics;
using System.Text;
using Google.Protobuf;
using Milvus.Local;
using Milvus.Local.Columns;
using Milvus.Local.Indexes;
using Milvus.Local.Search;
using Milvus.Protocol.Api;
using Milvus.Protocol.Common;
using Milvus.Protocol.Schema;
using KeyValuePair = Milvus.Protocol.Common.KeyValuePair;

namespace Milvus.Benchmarks.FullText;

/// <summary>
/// The BM25 benchmark (docs/performance.md): a fixed-seed corpus of 100,000 documents whose words follow a Zipf
/// law (s = 1) over a 50,000-word vocabulary, 10-90 words each. It loads the corpus into the engine with a BM25
/// function and a SPARSE_INVERTED_INDEX (DAAT_MAXSCORE, Milvus's default), then reports end-to-end text-query latency
/// through the gRPC service, and, on the index structure itself for each algorithm, its size and its latency against a brute-force scan of the same rows
/// with the same scorer (the engine's exact path), checking both return the same top 10.
/// Run: dotnet run -c Release --project tests/Milvus.Benchmarks -- bm25 [rows]
/// </summary>
public static class Bm25Benchmark
{
    private const int Vocabulary = 50_000;
    private const int Queries = 200;
    private const int K = 10;

    public static int Run(string[] args)
    {
        var rows = args.Length > 0 ? int.Parse(args[0]) : 100_000;
        var corpus = Corpus(rows, seed: 14);
        var queries = QueryTexts(seed: 15);
        Console.Error.WriteLine($"corpus: {rows} documents, {corpus.Sum(d => d.Split(' ').Length) / (double)rows:F1} words on average");
        var directory = Path.Combine(Path.GetTempPath(), "milvus-bm25-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var report = new StringBuilder();
        report.AppendLine($"BM25 on {rows:N0} Zipf documents ({Vocabulary:N0} words), {Queries} queries of 2-4 words, top {K}:");
        report.AppendLine();
        report.AppendLine("| path | p50 ms | p99 ms | QPS (1 caller) |");
        report.AppendLine("|---|---|---|---|");
        try
        {
            using var engine = MilvusLocalEngine.Open(Path.Combine(directory, "bench.db"));
            var client = new MilvusService.MilvusServiceClient(engine.CreateCallInvoker());
            foreach (var algorithm in new[] { SparseInvertedIndex.MaxScore })
            {
                var name = "docs_" + algorithm.ToLowerInvariant();
                var clock = Stopwatch.StartNew();
                Load(client, name, algorithm, corpus);
                Console.Error.WriteLine($"{algorithm}: inserted, flushed and indexed in {clock.Elapsed.TotalSeconds:F1}s");
                var (p50, p99, qps) = Time(queries, q => Check(client.Search(new SearchRequest
                {
                    CollectionName = name, PlaceholderGroup = Texts(q),
                    SearchParams = { new KeyValuePair { Key = "anns_field", Value = "sparse" }, new KeyValuePair { Key = "topk", Value = K.ToString() } },
                }).Status));
                report.AppendLine($"| engine, text query through the service, {algorithm} | {p50:F2} | {p99:F2} | {qps:F0} |");
            }
        }
        finally
        {
            try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
        }
        report.AppendLine(CompareWithScan(corpus, queries));
        Console.WriteLine(report);
        return 0;
    }

    /// <summary>Index structure alone against a brute-force scan: same column, same BM25 scorer, same top 10.</summary>
    private static string CompareWithScan(string[] corpus, string[] queries)
    {
        var column = new SparseVectorColumn(corpus.Select(d => Milvus.Local.FullText.Bm25Function.TermFrequencies(d.Split(' '))).ToArray());
        var stats = Milvus.Local.FullText.Bm25Statistics.Of([new Milvus.Local.Data.Segment(1, 1, true, column.Length,
            new Dictionary<long, Column> { [1] = column }, new long[column.Length])], 1);
        var scorer = SparseScorer.Bm25(1.2f, 0.75f, (float)stats.AverageLength);
        var weighted = queries.Select(q => stats.WeighQuery(Milvus.Local.FullText.Bm25Function.TermFrequencies(q.Split(' ')))).ToArray();
        var all = RowMask.Excluding(new bool[column.Length]);
        var rawBytes = column.Values.Sum(r => r.Indices.Length * 8L);
        var lines = new StringBuilder();
        var (scan50, scan99, scanQps) = Time(weighted, q => BruteForce(column, q, scorer));
        lines.AppendLine($"| brute-force scan (1 thread, the engine's exact path without an index) | {scan50:F2} | {scan99:F2} | {scanQps:F0} |");
        var sizes = new StringBuilder();
        foreach (var algorithm in SparseInvertedIndex.Algorithms)
        {
            var clock = Stopwatch.StartNew();
            var index = SparseInvertedIndex.Build("SPARSE_INVERTED_INDEX", algorithm, column);
            var build = clock.Elapsed.TotalSeconds;
            foreach (var q in weighted)
                if (!index.Search(q, scorer, K, all).Select(h => h.Row).SequenceEqual(BruteForce(column, q, scorer)))
                    throw new InvalidOperationException($"{algorithm} differs from the brute-force scan");
            var (p50, p99, qps) = Time(weighted, q => index.Search(q, scorer, K, all));
            lines.AppendLine($"| index structure alone, {algorithm} | {p50:F3} | {p99:F3} | {qps:F0} (x{scan50 / p50:F0} vs scan at p50) |");
            if (algorithm == SparseInvertedIndex.MaxScore)
                sizes.AppendLine($"Index size: {index.Serialize().Length / 1e6:F1} MB stored per 100k rows (raw sparse rows {rawBytes / 1e6:F1} MB); built in {build:F2}s.");
        }
        return lines.AppendLine().Append(sizes).ToString();
    }

    private static List<int> BruteForce(SparseVectorColumn column, SparseRow query, SparseScorer scorer)
    {
        var top = new TopK(K, HitOrder.ByPosition(Metric.BM25));
        for (var row = 0; row < column.Length; row++)
        {
            var score = scorer.Score(query, column.Values[row]);
            if (score != 0) top.Offer(new Hit(score, 0, row));
        }
        return top.Sorted().Select(h => h.Row).ToList();
    }

    private static (double P50, double P99, double Qps) Time<T>(IReadOnlyList<T> queries, Action<T> run)
    {
        foreach (var q in queries.Take(10)) run(q);
        var times = new List<double>();
        var total = Stopwatch.StartNew();
        foreach (var q in queries)
        {
            var clock = Stopwatch.StartNew();
            run(q);
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return (times[times.Count / 2], times[(int)(times.Count * 0.99)], queries.Count / total.Elapsed.TotalSeconds);
    }

    private static void Load(MilvusService.MilvusServiceClient client, string name, string algorithm, string[] corpus)
    {
        var schema = new CollectionSchema
        {
            Name = name,
            Fields =
            {
                new FieldSchema { Name = "id", DataType = DataType.Int64, IsPrimaryKey = true },
                new FieldSchema
                {
                    Name = "text", DataType = DataType.VarChar,
                    TypeParams = { new KeyValuePair { Key = "max_length", Value = "2000" }, new KeyValuePair { Key = "enable_analyzer", Value = "true" } },
                },
                new FieldSchema { Name = "sparse", DataType = DataType.SparseFloatVector },
            },
            Functions = { new FunctionSchema { Name = "bm25", Type = FunctionType.Bm25, InputFieldNames = { "text" }, OutputFieldNames = { "sparse" } } },
        };
        Check(client.CreateCollection(new CreateCollectionRequest { CollectionName = name, Schema = schema.ToByteString() }));
        for (var start = 0; start < corpus.Length; start += 10_000)
        {
            var count = Math.Min(10_000, corpus.Length - start);
            var ids = new FieldData { FieldName = "id", Type = DataType.Int64, Scalars = new ScalarField { LongData = new LongArray() } };
            ids.Scalars.LongData.Data.Add(Enumerable.Range(start, count).Select(i => (long)i));
            var texts = new FieldData { FieldName = "text", Type = DataType.VarChar, Scalars = new ScalarField { StringData = new StringArray() } };
            texts.Scalars.StringData.Data.Add(corpus.Skip(start).Take(count));
            Check(client.Insert(new InsertRequest { CollectionName = name, FieldsData = { ids, texts }, NumRows = (uint)count }).Status);
        }
        Check(client.Flush(new FlushRequest { CollectionNames = { name } }).Status);
        Check(client.CreateIndex(new CreateIndexRequest
        {
            CollectionName = name, FieldName = "sparse",
            ExtraParams =
            {
                new KeyValuePair { Key = "index_type", Value = "SPARSE_INVERTED_INDEX" }, new KeyValuePair { Key = "metric_type", Value = "BM25" },
                new KeyValuePair { Key = "params", Value = $"{{\"inverted_index_algo\": \"{algorithm}\"}}" },
            },
        }));
        Check(client.LoadCollection(new LoadCollectionRequest { CollectionName = name }));
        while (client.DescribeIndex(new DescribeIndexRequest { CollectionName = name }).IndexDescriptions[0].State != IndexState.Finished) Thread.Sleep(50);
    }

    private static ByteString Texts(string text) => new PlaceholderGroup
    {
        Placeholders = { new PlaceholderValue { Tag = "$0", Type = PlaceholderType.VarChar, Values = { ByteString.CopyFromUtf8(text) } } },
    }.ToByteString();

    /// <summary>Words w0..w49999 drawn with probability proportional to 1/(rank+1).</summary>
    private static Func<Random, string> ZipfWords()
    {
        var cumulative = new double[Vocabulary];
        double sum = 0;
        for (var i = 0; i < Vocabulary; i++) cumulative[i] = sum += 1.0 / (i + 1);
        return random =>
        {
            var at = Array.BinarySearch(cumulative, random.NextDouble() * sum);
            return "w" + (at < 0 ? ~at : at);
        };
    }

    private static string[] Corpus(int rows, int seed)
    {
        var random = new Random(seed);
        var word = ZipfWords();
        return Enumerable.Range(0, rows).Select(_ => string.Join(' ', Enumerable.Range(0, random.Next(10, 91)).Select(_ => word(random)))).ToArray();
    }

    private static string[] QueryTexts(int seed)
    {
        var random = new Random(seed);
        var word = ZipfWords();
        return Enumerable.Range(0, Queries).Select(_ => string.Join(' ', Enumerable.Range(0, random.Next(2, 5)).Select(_ => word(random)))).ToArray();
    }

    private static void Check(Milvus.Protocol.Common.Status status)
    {
        if (status.Code != 0) throw new InvalidOperationException($"{status.Code}: {status.Reason}");
    }
}
