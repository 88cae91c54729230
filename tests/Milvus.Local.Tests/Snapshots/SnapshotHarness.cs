using Milvus.Local.Tests.Engine;
using Milvus.Protocol.Api;
using Milvus.Protocol.Common;
using Milvus.Protocol.Schema;
using static Milvus.Local.Tests.Engine.LocalEngineHarness;

namespace Milvus.Local.Tests.Snapshots;

/// <summary>Snapshot test helpers over a <see cref="LocalEngineHarness"/>: a small collection, row reads, job waits.</summary>
internal static class SnapshotHarness
{
    /// <summary>Collection <paramref name="name"/>: id (Int64 pk), v (2-d float vector), s (VarChar), with a FLAT index on v.</summary>
    public static void CreateSmallCollection(this LocalEngineHarness h, string name)
    {
        Ok(h.CreateCollection(name, Int64Pk(), Vector("v", DataType.FloatVector, 2), VarChar("s", 16)));
        Ok(h.Client.CreateIndex(new CreateIndexRequest
        {
            CollectionName = name, FieldName = "v", IndexName = "v_idx",
            ExtraParams = { new KeyValuePair { Key = "index_type", Value = "FLAT" }, new KeyValuePair { Key = "metric_type", Value = "L2" } },
        }));
    }

    /// <summary>Inserts rows id = each key, s = "s{id}", v = [id, 0] (one insert, so one growing segment).</summary>
    public static void InsertRows(this LocalEngineHarness h, string collection, params long[] ids)
        => Ok(h.Insert(collection, Longs("id", ids), FloatVectors("v", 2, ids.Select(i => new float[] { i, 0 }).ToArray()),
            Strings("s", ids.Select(i => $"s{i}").ToArray())).Status);

    public static void DeleteRows(this LocalEngineHarness h, string collection, string filter)
        => Ok(h.Client.Delete(new DeleteRequest { CollectionName = collection, Expr = filter }).Status);

    /// <summary>Every live row as "id:s", ordered by id (loads the collection first).</summary>
    public static string[] Rows(this LocalEngineHarness h, string collection, string db = "")
    {
        Ok(h.Client.LoadCollection(new LoadCollectionRequest { CollectionName = collection, DbName = db }));
        var reply = h.Client.Query(new QueryRequest { CollectionName = collection, DbName = db, Expr = "id >= 0", OutputFields = { "id", "s" } });
        Ok(reply.Status);
        var ids = reply.FieldsData.Single(f => f.FieldName == "id").Scalars.LongData.Data;
        var s = reply.FieldsData.Single(f => f.FieldName == "s").Scalars.StringData.Data;
        return ids.Select((id, i) => (id, s[i])).OrderBy(x => x.id).Select(x => $"{x.id}:{x.Item2}").ToArray();
    }

    public static Status CreateSnapshot(this LocalEngineHarness h, string collection, string name, string description = "", long protectSeconds = 0)
        => h.Client.CreateSnapshot(new CreateSnapshotRequest
        {
            CollectionName = collection, Name = name, Description = description, CompactionProtectionSeconds = protectSeconds,
        });

    public static RestoreSnapshotResponse Restore(this LocalEngineHarness h, string snapshot, string source, string target, string targetDb = "")
        => h.Client.RestoreSnapshot(new RestoreSnapshotRequest { Name = snapshot, CollectionName = source, TargetCollectionName = target, TargetDbName = targetDb });

    /// <summary>Polls the job until it is Completed or Failed (10 s at most).</summary>
    public static RestoreSnapshotInfo WaitForJob(this LocalEngineHarness h, long jobId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var reply = h.Client.GetRestoreSnapshotState(new GetRestoreSnapshotStateRequest { JobId = jobId });
            Ok(reply.Status);
            if (reply.Info.State is RestoreSnapshotState.RestoreSnapshotCompleted or RestoreSnapshotState.RestoreSnapshotFailed) return reply.Info;
            Assert.Equal("", reply.Info.Reason);
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"restore job {jobId} still {reply.Info.State}");
            Thread.Sleep(10);
        }
    }

    /// <summary>The stored segments' ids (a growing segment's chunks each, as snapshots reference them).</summary>
    public static long[] SegmentIds(this LocalEngineHarness h, string collection)
    {
        var core = h.Engine.Core;
        lock (core.Gate) return core.Segments.ListSegments(core.Collection("default", collection).Id).Select(s => s.Id).Order().ToArray();
    }

    public static void Compact(this LocalEngineHarness h, string collection)
        => Ok(h.Client.ManualCompaction(new ManualCompactionRequest { CollectionName = collection }).Status);
}
