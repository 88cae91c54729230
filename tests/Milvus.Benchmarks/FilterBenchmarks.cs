using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Milvus.Local.Columns;
using Milvus.Local.Expressions;
using Milvus.Protocol.Schema;

namespace Milvus.Benchmarks;

/// <summary>A synthetic collection of scalar columns (1M rows by default) for filter benchmarks.</summary>
internal static class FilterBenchData
{
    public static CollectionSchema Schema { get; } = BuildSchema();

    private static CollectionSchema BuildSchema()
    {
        var schema = new CollectionSchema { Name = "filter_bench" };
        schema.Fields.Add(new FieldSchema { FieldID = 100, Name = "id", DataType = DataType.Int64, IsPrimaryKey = true });
        schema.Fields.Add(new FieldSchema { FieldID = 101, Name = "age", DataType = DataType.Int32 });
        schema.Fields.Add(new FieldSchema { FieldID = 102, Name = "score", DataType = DataType.Int64, Nullable = true });
        schema.Fields.Add(new FieldSchema { FieldID = 103, Name = "price", DataType = DataType.Double });
        schema.Fields.Add(new FieldSchema { FieldID = 104, Name = "ratio", DataType = DataType.Float });
        schema.Fields.Add(new FieldSchema { FieldID = 105, Name = "name", DataType = DataType.VarChar });
        schema.Fields.Add(new FieldSchema { FieldID = 106, Name = "active", DataType = DataType.Bool });
        schema.Fields.Add(new FieldSchema { FieldID = 107, Name = "meta", DataType = DataType.Json });
        return schema;
    }

    public static IRowSet Build(int rows, bool withJson)
    {
        var random = new Random(42);
        var id = new long[rows];
        var age = new long[rows];
        var score = new long[rows];
        var scoreValid = new bool[rows];
        var price = new double[rows];
        var ratio = new float[rows];
        var name = new string[rows];
        var active = new bool[rows];
        var meta = new byte[rows][];
        var prefixes = new[] { "ab", "cd", "ef", "gh", "ij" };
        for (var i = 0; i < rows; i++)
        {
            id[i] = i;
            age[i] = random.Next(0, 100);
            score[i] = random.Next(0, 1_000_000);
            scoreValid[i] = random.Next(10) != 0;
            price[i] = random.NextDouble() * 1000;
            ratio[i] = (float)random.NextDouble();
            name[i] = prefixes[random.Next(prefixes.Length)] + random.Next(100_000).ToString("D5");
            active[i] = random.Next(2) == 0;
            meta[i] = withJson ? System.Text.Encoding.UTF8.GetBytes($"{{\"k\":{i % 100},\"tag\":\"t{i % 7}\"}}") : [];
        }
        var columns = new Dictionary<string, Column>
        {
            ["id"] = new Int64Column(DataType.Int64, id),
            ["age"] = new Int64Column(DataType.Int32, age),
            ["score"] = new Int64Column(DataType.Int64, score, scoreValid),
            ["price"] = new DoubleColumn(price),
            ["ratio"] = new FloatColumn(ratio),
            ["name"] = new StringColumn(DataType.VarChar, name),
            ["active"] = new BoolColumn(active),
            ["meta"] = new JsonColumn(meta),
        };
        return new BenchRowSet(rows, columns);
    }

    private sealed class BenchRowSet(int rowCount, Dictionary<string, Column> columns) : IRowSet
    {
        public int RowCount { get; } = rowCount;

        public Column? GetColumn(string fieldName) => columns.GetValueOrDefault(fieldName);
    }
}

/// <summary>Evaluating typical filters over 1M rows of scalar columns (target: well under 100 ms each), plus JSON paths.</summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Throughput, warmupCount: 2, iterationCount: 8)]
public class FilterBenchmarks
{
    private static readonly IRowSet Rows = FilterBenchData.Build(1_000_000, withJson: true);
    private FilterExpression _filter = null!;

    [Params(
        "age > 50",
        "10 < age < 40 and price < 500.0",
        "score % 7 == 0 or active == true",
        "not (score in [1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610, 987])",
        "name like \"ab%\"",
        "name like \"%123%\" and ratio > 0.5",
        "age in [1, 3, 5] or (price >= 100 and price <= 200 and active == false) or score is null",
        "meta[\"k\"] == 3",
        "meta[\"tag\"] in [\"t1\", \"t2\"] and age < 50")]
    public string Filter { get; set; } = "";

    [GlobalSetup]
    public void Setup() => _filter = FilterExpression.Parse(Filter, FilterBenchData.Schema);

    [Benchmark]
    public int Evaluate1MRows()
    {
        var matches = _filter.Evaluate(Rows);
        var count = 0;
        foreach (var m in matches) if (m) count++;
        return count;
    }
}

/// <summary>Parse + type-check cost of one filter (done once per request, then evaluated per segment).</summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Throughput, warmupCount: 2, iterationCount: 8)]
public class FilterParseBenchmarks
{
    [Benchmark]
    public FilterExpression ParseComplexFilter() => FilterExpression.Parse(
        "(age > 18 and age < 65) and (name like \"ab%\" or score in [1, 2, 3, 4, 5]) and not (price >= 100.5) and meta[\"k\"] == 3",
        FilterBenchData.Schema);

    [Benchmark]
    public FilterExpression ParsePrimaryKeyList() => FilterExpression.Parse(
        "id in [" + string.Join(",", Enumerable.Range(0, 1000)) + "]", FilterBenchData.Schema);
}

/// <summary>The larger fuzz run: one million random and mutated filters over a JSON-bearing row set.</summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 1)]
public class FilterFuzzBenchmarks
{
    private static readonly string[] Seeds =
    [
        "age > 50", "10 < age < 40 and price < 500.0", "score % 7 == 0 or active == true", "name like \"ab%\"",
        "meta[\"k\"] in [1, 2, 3]", "json_contains(meta[\"tags\"], \"t1\")", "exists meta[\"tag\"] and not (ratio > 0.5)",
        "score is null or id in {ids}", "array_length(meta[\"k\"]) == 0", "random_sample(0.5)", "age + 1 == {x}",
    ];

    private static readonly IRowSet Rows = FilterBenchData.Build(256, withJson: true);

    [Benchmark]
    public int FuzzOneMillionFilters()
    {
        var (parsed, rejected) = FilterFuzzer.Run(FilterBenchData.Schema, Rows, Seeds, 1_000_000, seed: 7);
        return parsed + rejected;
    }
}
