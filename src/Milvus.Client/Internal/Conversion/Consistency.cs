namespace Milvus.Client.Internal.Conversion;

/// <summary>pymilvus consistency handling for search/query: (use_default_consistency, guarantee_timestamp, consistency_level).</summary>
internal static class Consistency
{
    public const ulong BoundedTs = 2;
    public const ulong EventuallyTs = 1;

    public static (bool UseDefault, ulong GuaranteeTs, Milvus.Protocol.Common.ConsistencyLevel Level) Resolve(ConsistencyLevel? level,
        ulong? guaranteeTs, ulong lastWriteTs)
    {
        var session = lastWriteTs > 0 ? lastWriteTs : EventuallyTs;
        if (level is null) return (true, session, Milvus.Protocol.Common.ConsistencyLevel.Strong);
        var ts = level.Value switch
        {
            ConsistencyLevel.Strong => 0UL,
            ConsistencyLevel.Session => session,
            ConsistencyLevel.Bounded => BoundedTs,
            _ => guaranteeTs ?? EventuallyTs,
        };
        return (false, ts, (Milvus.Protocol.Common.ConsistencyLevel)(int)level.Value);
    }
}
