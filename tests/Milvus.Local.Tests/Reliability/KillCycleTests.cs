using Grpc.Core;
using Status = Milvus.Protocol.Common.Status;
using Milvus.Local.Tests.Engine;
using Milvus.Local.Tests.Server;
using Milvus.Protocol.Api;
using Milvus.Protocol.Common;
using Milvus.Protocol.Schema;
using Xunit.Abstractions;
using static Milvus.Local.Tests.Engine.LocalEngineHarness;

namespace Milvus.Local.Tests.Reliability;

/// <summary>
/// SIGKILL cycles of the server process under mixed acknowledged operations. Writers insert, upsert, delete, compact,
/// create and drop indexed collections; the server is killed at a random moment; after the restart every acknowledged
/// operation must be there, a refused one must have left nothing, and the operation in flight at the kill must be
/// all or nothing (every key it touched old, or every key new). Cycles and writers come from
/// MILVUS_RELIABILITY_CYCLES / MILVUS_RELIABILITY_WRITERS (CI: 20 and 2; the soak runs more, see docs/reliability.md).
/// </summary>
public sealed class KillCycleTests(ITestOutputHelper output)
{
    private const int SigKill = 9;
    private const int Dim = 4;
    private static int Cycles => Setting("MILVUS_RELIABILITY_CYCLES", 20);
    private static int Writers => Setting("MILVUS_RELIABILITY_WRITERS", 2);

    [Fact]
    public async Task Every_acknowledged_operation_survives_SIGKILL_and_the_one_in_flight_is_all_or_nothing()
    {
        if (OperatingSystem.IsWindows()) return; // POSIX signals
        using var dir = new TempDirectory();
        var data = dir.File("kill.db");
        var models = Enumerable.Range(0, Writers).Select(i => new WriterModel($"w{i}", i)).ToArray();
        var random = new Random(16);
        var totals = new Totals();

        for (var cycle = 0; cycle < Cycles; cycle++)
        {
            await using var server = await ServerProcess.StartListeningAsync(data);
            using var channel = ServerChannel.For(await server.WaitForReadyAsync());
            var client = new MilvusService.MilvusServiceClient(channel);
            foreach (var model in models) model.Verify(client, totals);
            if (cycle == 0) foreach (var model in models) model.Create(client);

            using var stop = new CancellationTokenSource();
            var acknowledgedBefore = Volatile.Read(ref totals.Acknowledged);
            var writers = models.Select(m => Task.Run(() => m.Run(client, new Random(random.Next()), totals, stop.Token))).ToArray();
            // Kill at a random moment after the cycle has acknowledged something (a loaded machine can be slow to start).
            for (var waited = 0; Volatile.Read(ref totals.Acknowledged) == acknowledgedBefore && waited < 30_000; waited += 20) await Task.Delay(20);
            await Task.Delay(random.Next(50, 500));
            server.Signal(SigKill);
            Assert.Equal(128 + SigKill, await server.WaitForExitAsync());
            stop.Cancel();
            await Task.WhenAll(writers);
        }

        await using (var last = await ServerProcess.StartListeningAsync(data))
        {
            using var channel = ServerChannel.For(await last.WaitForReadyAsync());
            foreach (var model in models) model.Verify(new MilvusService.MilvusServiceClient(channel), totals);
        }
        output.WriteLine($"{Cycles} SIGKILL cycles, {Writers} writers: {totals}");
        Assert.Equal(0, totals.Lost);
        Assert.True(totals.Acknowledged >= Cycles, $"too few acknowledged operations: {totals}");
    }

    private static int Setting(string name, int fallback)
        => int.TryParse(Environment.GetEnvironmentVariable(name), out var value) && value > 0 ? value : fallback;

    /// <summary>What the harness did and checked, for the report.</summary>
    private sealed class Totals
    {
        public int Acknowledged;
        public int Refused;
        public int InFlightAtKill;
        public int InFlightApplied;
        public int Lost;

        public override string ToString()
            => $"{Acknowledged} acknowledged operations verified, {Refused} refused, {InFlightAtKill} in flight at a kill ({InFlightApplied} of them applied, all whole), {Lost} lost";
    }

    /// <summary>One writer's collection (pk -> version), its DDL collections, and the operation it had in flight.</summary>
    private sealed class WriterModel(string name, int index)
    {
        private readonly Dictionary<long, long> _rows = new();
        private readonly HashSet<string> _ddl = new(StringComparer.Ordinal);
        private Operation? _inFlight;
        private long _nextKey = index * 10_000_000L;
        private long _version;
        private int _ddlCounter;

        private sealed record Operation(string Kind, Dictionary<long, long?> After, string? DdlName = null, bool DdlCreates = false);

        public void Create(MilvusService.MilvusServiceClient client)
        {
            CreateIndexed(client, name);
        }

        public void Run(MilvusService.MilvusServiceClient client, Random random, Totals totals, CancellationToken stop)
        {
            while (!stop.IsCancellationRequested)
            {
                var op = Next(random);
                _inFlight = op;
                Status status;
                try
                {
                    status = Send(client, op);
                }
                catch (RpcException)
                {
                    return; // killed: the operation stays in flight, judged after the restart
                }
                _inFlight = null;
                if (status.Code != 0)
                {
                    Interlocked.Increment(ref totals.Refused);
                    continue;
                }
                Apply(op);
                Interlocked.Increment(ref totals.Acknowledged);
            }
        }

        private Operation Next(Random random)
        {
            var roll = random.Next(100);
            var version = ++_version;
            if (roll < 10 && _rows.Count > 0) return new Operation("compact", new());
            if (roll < 18)
            {
                var drop = _ddl.Count > 0 && random.Next(2) == 0;
                var ddlName = drop ? _ddl.First() : $"{name}_ddl{++_ddlCounter}";
                return new Operation(drop ? "drop" : "create", new(), ddlName, !drop);
            }
            if (roll < 45 && _rows.Count > 0)
            {
                var keys = _rows.Keys.OrderBy(_ => random.Next()).Take(random.Next(1, 150)).ToList();
                return new Operation("delete", keys.ToDictionary(k => k, _ => (long?)null));
            }
            if (roll < 70 && _rows.Count > 0)
            {
                var keys = _rows.Keys.OrderBy(_ => random.Next()).Take(random.Next(1, 200)).Concat(Fresh(random.Next(0, 20))).ToList();
                return new Operation("upsert", keys.ToDictionary(k => k, _ => (long?)version));
            }
            return new Operation("insert", Fresh(random.Next(1, 300)).ToDictionary(k => k, _ => (long?)version));
        }

        private IEnumerable<long> Fresh(int count) => Enumerable.Range(0, count).Select(_ => _nextKey++).ToList();

        private Status Send(MilvusService.MilvusServiceClient client, Operation op)
        {
            switch (op.Kind)
            {
                case "compact":
                    return client.ManualCompaction(new ManualCompactionRequest { CollectionName = name }).Status;
                case "create":
                    return CreateIndexed(client, op.DdlName!);
                case "drop":
                    return client.DropCollection(new DropCollectionRequest { CollectionName = op.DdlName! });
                case "delete":
                    return client.Delete(new DeleteRequest { CollectionName = name, Expr = $"pk in [{string.Join(",", op.After.Keys)}]" }).Status;
                default:
                    var keys = op.After.Keys.ToArray();
                    FieldData[] fields = [Longs("pk", keys), Longs("ver", keys.Select(k => op.After[k]!.Value).ToArray()),
                        FloatVectors("v", Dim, keys.Select(k => new float[] { k % 97, k % 89, k % 83, 1 }).ToArray())];
                    return op.Kind == "insert"
                        ? client.Insert(new InsertRequest { CollectionName = name, NumRows = (uint)keys.Length, FieldsData = { fields } }).Status
                        : client.Upsert(new UpsertRequest { CollectionName = name, NumRows = (uint)keys.Length, FieldsData = { fields } }).Status;
            }
        }

        private static Status CreateIndexed(MilvusService.MilvusServiceClient client, string collection)
        {
            var schema = new CollectionSchema { Name = collection, Fields = { Int64Pk("pk"), Scalar("ver", DataType.Int64), Vector("v", DataType.FloatVector, Dim) } };
            var status = client.CreateCollection(new CreateCollectionRequest { CollectionName = collection, Schema = Google.Protobuf.MessageExtensions.ToByteString(schema) });
            if (status.Code != 0) return status;
            status = client.CreateIndex(new CreateIndexRequest
            {
                CollectionName = collection, FieldName = "v",
                ExtraParams =
                {
                    new Milvus.Protocol.Common.KeyValuePair { Key = "index_type", Value = "HNSW" },
                    new Milvus.Protocol.Common.KeyValuePair { Key = "metric_type", Value = "L2" },
                    new Milvus.Protocol.Common.KeyValuePair { Key = "params", Value = "{\"M\":8,\"efConstruction\":32}" },
                },
            });
            return status.Code != 0 ? status : client.LoadCollection(new LoadCollectionRequest { CollectionName = collection });
        }

        private void Apply(Operation op)
        {
            foreach (var (key, value) in op.After)
                if (value is { } v) _rows[key] = v;
                else _rows.Remove(key);
            if (op.DdlName is null) return;
            if (op.DdlCreates) _ddl.Add(op.DdlName);
            else _ddl.Remove(op.DdlName);
        }

        /// <summary>Compares the restarted server with the model; the in-flight operation must show whole or not at all.</summary>
        public void Verify(MilvusService.MilvusServiceClient client, Totals totals)
        {
            var names = client.ShowCollections(new ShowCollectionsRequest()).CollectionNames.ToHashSet(StringComparer.Ordinal);
            if (!names.Contains(name)) return; // before the first cycle created it
            var observed = Rows(client);
            var op = _inFlight;
            _inFlight = null;
            var touched = op?.After.Keys.ToHashSet() ?? [];
            var lost = observed.Where(kv => !touched.Contains(kv.Key) && (!_rows.TryGetValue(kv.Key, out var v) || v != kv.Value)).Count()
                       + _rows.Keys.Count(k => !touched.Contains(k) && !observed.ContainsKey(k));
            if (op is not null)
            {
                Interlocked.Increment(ref totals.InFlightAtKill);
                var before = touched.All(k => _rows.TryGetValue(k, out var v) ? observed.TryGetValue(k, out var o) && o == v : !observed.ContainsKey(k));
                var after = touched.All(k => op.After[k] is { } v ? observed.TryGetValue(k, out var o) && o == v : !observed.ContainsKey(k));
                if (!before && !after) lost += touched.Count; // half applied
                var ddlBefore = op.DdlName is null || names.Contains(op.DdlName) == _ddl.Contains(op.DdlName);
                if (op.DdlName is not null && !ddlBefore && names.Contains(op.DdlName) != op.DdlCreates) lost++;
                if ((after && touched.Count > 0) || (op.DdlName is not null && !ddlBefore)) Interlocked.Increment(ref totals.InFlightApplied);
                if (after && touched.Count > 0) Apply(op with { DdlName = null });
                if (op.DdlName is not null && !ddlBefore) Apply(op with { After = new() });
            }
            var ddlNow = names.Where(n => n.StartsWith($"{name}_ddl", StringComparison.Ordinal)).ToHashSet();
            lost += ddlNow.Except(_ddl).Count() + _ddl.Except(ddlNow).Count();
            var count = client.Query(new QueryRequest { CollectionName = name, OutputFields = { "count(*)" } }).FieldsData[0].Scalars.LongData.Data[0];
            if (count != _rows.Count) lost += (int)Math.Abs(count - _rows.Count);
            Interlocked.Add(ref totals.Lost, lost);
            Assert.True(lost == 0, $"{name}: {lost} mismatches after a restart (in flight: {op?.Kind} of {touched.Count} keys)");
        }

        private Dictionary<long, long> Rows(MilvusService.MilvusServiceClient client)
        {
            var reply = client.Query(new QueryRequest { CollectionName = name, Expr = "pk >= 0", OutputFields = { "pk", "ver" } });
            Assert.Equal(0, reply.Status.Code);
            var pks = reply.FieldsData.Single(f => f.FieldName == "pk").Scalars.LongData.Data;
            var versions = reply.FieldsData.Single(f => f.FieldName == "ver").Scalars.LongData.Data;
            return pks.Zip(versions).ToDictionary(p => p.First, p => p.Second);
        }
    }
}
