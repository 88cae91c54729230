using Milvus.Local.Tests.Engine;
using Milvus.Protocol.Api;
using Milvus.Protocol.Schema;
using Xunit.Abstractions;
using static Milvus.Local.Tests.Engine.LocalEngineHarness;

namespace Milvus.Local.Tests.Reliability;

/// <summary>
/// Many clients at once over Kestrel: C# writers each own a key range of one shared collection (insert, upsert, delete),
/// C# readers search and query it, one C# client creates and drops collections, and official Node SDK clients
/// (tests/compat/scripts/concurrency-client.js, separate processes) do all three on key ranges of their own. Nothing
/// may fail, and the final rows must be exactly what the acknowledged writes of both kinds of client say.
/// </summary>
public sealed class ConcurrencyTests(ITestOutputHelper output) : IDisposable
{
    private const int Dim = 8;
    private const int WriterCount = 6;
    private const int ReaderCount = 4;
    private const int RoundsPerWriter = 40;
    private const int NodeClientCount = 3;
    private const int RoundsPerNodeClient = 25;
    private readonly LocalEngineHarness _h = new(EngineTransport.Kestrel);

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task Concurrent_writers_readers_and_DDL_end_with_exact_rows_and_no_error()
    {
        Ok(_h.CreateCollection("shared", Int64Pk("pk"), Scalar("ver", DataType.Int64), Vector("v", DataType.FloatVector, Dim)));
        _h.IndexAndLoad("shared", "v", "L2", "HNSW");
        var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var done = new CancellationTokenSource();

        var writers = Enumerable.Range(0, WriterCount).Select(w => Task.Run(() => Write(w, errors))).ToArray();
        var readers = Enumerable.Range(0, ReaderCount).Select(r => Task.Run(() => Read(r, errors, done.Token))).ToArray();
        var ddl = Task.Run(() => Ddl(errors, done.Token));
        var nodeClients = Enumerable.Range(0, NodeClientCount).Select(RunNodeClient).ToArray();
        var models = (await Task.WhenAll(writers)).Concat(await Task.WhenAll(nodeClients)).ToArray();
        done.Cancel();
        var reads = await Task.WhenAll(readers);
        var ddlOps = await ddl;

        Assert.Empty(errors);
        var expected = models.SelectMany(m => m).ToDictionary(kv => kv.Key, kv => kv.Value);
        var reply = _h.Query("shared", "pk >= 0", ["pk", "ver"]);
        Ok(reply.Status);
        var actual = reply.FieldsData.Single(f => f.FieldName == "pk").Scalars.LongData.Data
            .Zip(reply.FieldsData.Single(f => f.FieldName == "ver").Scalars.LongData.Data).ToDictionary(p => p.First, p => p.Second);
        Assert.Equal(expected.OrderBy(kv => kv.Key), actual.OrderBy(kv => kv.Key));
        Assert.Equal(expected.Count, _h.Query("shared", "", ["count(*)"]).FieldsData[0].Scalars.LongData.Data[0]);
        output.WriteLine($"{WriterCount} C# writers x {RoundsPerWriter} rounds, {ReaderCount} C# readers ({reads.Sum()} searches/queries), " +
                         $"{ddlOps} C# DDL operations, {NodeClientCount} Node SDK clients x {RoundsPerNodeClient} rounds: {expected.Count} rows exact, 0 errors");
    }

    /// <summary>One Node SDK client process; its last line is its key model ("model {pk: ver}").</summary>
    private async Task<Dictionary<long, long>> RunNodeClient(int index)
    {
        var script = Path.Combine(RepositoryPaths.Compat, "scripts", "concurrency-client.js");
        Assert.True(Directory.Exists(Path.Combine(RepositoryPaths.Compat, "node_modules", "milvus2-sdk-node-3")),
            "the Node SDK is not installed: run `npm install --no-audit --no-fund --ignore-scripts` in tests/compat");
        var result = await Milvus.Compat.Tests.Infrastructure.ProcessRunner.RunAsync("node",
            [script, _h.ServerAddress!, index.ToString(), RoundsPerNodeClient.ToString()], RepositoryPaths.Compat, TimeSpan.FromMinutes(4),
            new Dictionary<string, string> { ["MILVUS_NODE_SDK"] = "milvus2-sdk-node-3" });
        output.WriteLine(result.StandardOutput.Split('\n').FirstOrDefault(l => l.StartsWith("node client", StringComparison.Ordinal)) ?? "");
        Assert.True(result.ExitCode == 0, result.ToString());
        var model = result.StandardOutput.Split('\n').Single(l => l.StartsWith("model ", StringComparison.Ordinal))["model ".Length..];
        return System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, long>>(model)!.ToDictionary(kv => long.Parse(kv.Key), kv => kv.Value);
    }

    private Dictionary<long, long> Write(int writer, System.Collections.Concurrent.ConcurrentQueue<string> errors)
    {
        var model = new Dictionary<long, long>();
        var random = new Random(writer);
        long next = writer * 1_000_000L;
        for (var round = 1; round <= RoundsPerWriter; round++)
        {
            var insert = Enumerable.Range(0, random.Next(1, 60)).Select(_ => next++).ToArray();
            Check(errors, "insert", Send(insert, round, upsert: false).Status);
            foreach (var k in insert) model[k] = round;
            var upsert = model.Keys.OrderBy(_ => random.Next()).Take(random.Next(1, 30)).ToArray();
            Check(errors, "upsert", Send(upsert, -round, upsert: true).Status);
            foreach (var k in upsert) model[k] = -round;
            var delete = model.Keys.OrderBy(_ => random.Next()).Take(random.Next(0, 10)).ToArray();
            if (delete.Length == 0) continue;
            Check(errors, "delete", _h.Client.Delete(new DeleteRequest { CollectionName = "shared", Expr = $"pk in [{string.Join(",", delete)}]" }).Status);
            foreach (var k in delete) model.Remove(k);
        }
        return model;
    }

    private MutationResult Send(long[] keys, long version, bool upsert)
    {
        FieldData[] fields = [Longs("pk", keys), Longs("ver", keys.Select(_ => version).ToArray()),
            FloatVectors("v", Dim, keys.Select(k => Enumerable.Range(0, Dim).Select(d => (float)((k + d) % 13)).ToArray()).ToArray())];
        return upsert
            ? _h.Client.Upsert(new UpsertRequest { CollectionName = "shared", NumRows = (uint)keys.Length, FieldsData = { fields } })
            : _h.Client.Insert(new InsertRequest { CollectionName = "shared", NumRows = (uint)keys.Length, FieldsData = { fields } });
    }

    private int Read(int reader, System.Collections.Concurrent.ConcurrentQueue<string> errors, CancellationToken done)
    {
        var random = new Random(100 + reader);
        var count = 0;
        while (!done.IsCancellationRequested)
        {
            var query = Enumerable.Range(0, Dim).Select(_ => (float)random.Next(13)).ToArray();
            Check(errors, "search", _h.Search("shared", FloatPlaceholder(query), 10, outputFields: ["ver"]).Status);
            Check(errors, "query", _h.Query("shared", $"ver == {random.Next(1, RoundsPerWriter)}", ["pk"], limit: 100).Status);
            count += 2;
        }
        return count;
    }

    private int Ddl(System.Collections.Concurrent.ConcurrentQueue<string> errors, CancellationToken done)
    {
        var operations = 0;
        for (var i = 0; !done.IsCancellationRequested; i++)
        {
            Check(errors, "create", _h.CreateCollection($"ddl{i}", Int64Pk(), Vector("v", DataType.FloatVector, 2)));
            Check(errors, "drop", _h.Client.DropCollection(new DropCollectionRequest { CollectionName = $"ddl{i}" }));
            operations += 2;
        }
        return operations;
    }

    private static void Check(System.Collections.Concurrent.ConcurrentQueue<string> errors, string what, Milvus.Protocol.Common.Status status)
    {
        if (status.Code != 0) errors.Enqueue($"{what}: {status.Code} {status.Reason}");
    }
}
