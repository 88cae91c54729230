using Grpc.Core;
using Milvus.Local.Catalog;
using Milvus.Local.Engine;
using Milvus.Local.Errors;
using Milvus.Local.Time;
using Milvus.Protocol.Api;
using Status = Milvus.Protocol.Common.Status;

namespace Milvus.Local;

// Partitions: create, drop, has, show, statistics.
public sealed partial class LocalMilvusService
{
    public override Task<Status> CreatePartition(CreatePartitionRequest request, ServerCallContext context) => Locked(context, () =>
    {
        var c = _core.Collection(DbName(request.DbName, context), request.CollectionName);
        // Milvus's createPartitionTask checks the partition key before the name, with a plain error (code 65535).
        if (c.PartitionKeyField is not null) throw MilvusError.Unexpected("disable create partition if partition key mode is used");
        NameRules.PartitionName(request.PartitionName);
        if (c.FindPartition(request.PartitionName) is not null) return Ok();
        if (c.Partitions.Count >= SchemaValidator.MaxPartitions)
            throw MilvusError.InvalidParameter($"partition number ({c.Partitions.Count}) exceeds max configuration ({SchemaValidator.MaxPartitions}), collection: {c.Name}, id: {c.Id}");
        var ts = _core.Oracle.Next();
        c.Partitions.Add(new PartitionMeta { Id = (long)ts, Name = request.PartitionName, CreatedTs = ts, Loaded = c.LoadedAsCollection });
        _core.Write(tx => _core.SaveCollection(c, tx));
        return Ok();
    });

    public override Task<Status> DropPartition(DropPartitionRequest request, ServerCallContext context) => Locked(context, () =>
    {
        var c = _core.Collection(DbName(request.DbName, context), request.CollectionName);
        if (c.PartitionKeyField is not null) throw MilvusError.Unexpected("disable drop partition if partition key mode is used");
        if (request.PartitionName == EngineCore.DefaultPartition) throw MilvusError.InvalidParameter("default partition cannot be deleted");
        var p = c.FindPartition(request.PartitionName);
        if (p is null) return Ok();
        if (p.Loaded) throw MilvusError.Plain("partition cannot be dropped, partition is loaded, please release it first");
        c.Partitions.Remove(p);
        _core.Write(tx =>
        {
            _core.Segments.DeletePartitionData(c.Id, p.Id, tx);
            _core.SaveCollection(c, tx);
        });
        _core.LoadedData(c.Id)?.RemovePartition(p.Id);
        return Ok();
    });

    public override Task<BoolResponse> HasPartition(HasPartitionRequest request, ServerCallContext context) => Locked(context, () =>
    {
        var c = _core.Collection(DbName(request.DbName, context), request.CollectionName);
        return new BoolResponse { Status = Ok(), Value = c.FindPartition(request.PartitionName) is not null };
    });

    public override Task<ShowPartitionsResponse> ShowPartitions(ShowPartitionsRequest request, ServerCallContext context) => Locked(context, () =>
    {
        var c = _core.Collection(DbName(request.DbName, context), request.CollectionName);
        var partitions = request.PartitionNames.Count == 0
            ? c.Partitions
            : request.PartitionNames.Select(n => c.FindPartition(n) ?? throw MilvusError.PartitionNotFound(n)).ToList();
        if (request.Type == Protocol.Api.ShowType.InMemory) partitions = partitions.Where(p => p.Loaded).ToList();
        var reply = new ShowPartitionsResponse { Status = Ok() };
        foreach (var p in partitions)
        {
            reply.PartitionNames.Add(p.Name);
            reply.PartitionIDs.Add(p.Id);
            reply.CreatedTimestamps.Add(p.CreatedTs);
            reply.CreatedUtcTimestamps.Add(TimestampOracle.PhysicalMilliseconds(p.CreatedTs));
            reply.InMemoryPercentages.Add(p.Loaded ? 100 : 0);
        }
        return reply;
    });

    public override Task<GetPartitionStatisticsResponse> GetPartitionStatistics(GetPartitionStatisticsRequest request, ServerCallContext context) => Locked(context, () =>
    {
        var c = _core.Collection(DbName(request.DbName, context), request.CollectionName);
        var p = c.FindPartition(request.PartitionName) ?? throw MilvusError.PartitionNotFound(request.PartitionName);
        return new GetPartitionStatisticsResponse
        {
            Status = Ok(), Stats = { new KeyValuePair { Key = "row_count", Value = RowCount(c, p.Id).ToString() } },
        };
    });
}
