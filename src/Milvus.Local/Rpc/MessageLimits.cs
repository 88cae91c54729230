using Grpc.Core;

namespace Milvus.Local.Rpc;

/// <summary>
/// Milvus's gRPC message limits (milvus.yaml <c>proxy.grpc.serverMaxRecvSize</c> 64 MiB and
/// <c>proxy.grpc.serverMaxSendSize</c> 256 MiB) and the errors grpc-go gives for them, so both transports refuse
/// an oversized request or reply as a Milvus server does. Compressed requests are also held to a decompression
/// ratio once they pass <see cref="RatioCheckAfterBytes"/>, so a small gzip bomb is refused early.
/// </summary>
public static class MessageLimits
{
    public const int MaxReceiveBytes = 64 * 1024 * 1024;
    public const int MaxSendBytes = 256 * 1024 * 1024;
    public const int MaxDecompressionRatio = 256;
    public const int RatioCheckAfterBytes = 1024 * 1024;

    /// <summary>
    /// The largest search or query result Milvus builds (<c>quotaAndLimits.limits.maxOutputSize</c>, 100 MiB); past
    /// it the reduce fails with "search results exceed the maxOutputSize Limit" (or "query results ...").
    /// </summary>
    public const long MaxOutputBytes = 104857600;

    /// <summary>The smallest reply bytes one search hit costs: an int64 id and a float score.</summary>
    public const int MinBytesPerHit = 12;

    public static void CheckOutputSize(string kind, long bytes)
    {
        if (bytes > MaxOutputBytes) throw Errors.MilvusError.Unexpected($"{kind} results exceed the maxOutputSize Limit {MaxOutputBytes}");
    }

    public static RpcException ReceivedTooLarge(long size)
        => new(new Status(StatusCode.ResourceExhausted, $"grpc: received message larger than max ({size} vs. {MaxReceiveBytes})"));

    /// <summary>grpc-go server.go's refusal of a reply over the send limit (the size is the encoded reply's).</summary>
    public static RpcException SendingTooLarge(long size) => SendingTooLarge(size, MaxSendBytes);

    public static RpcException SendingTooLarge(long size, long max)
        => new(new Status(StatusCode.ResourceExhausted, $"grpc: trying to send message larger than max ({size} vs. {max})"));

    public static RpcException DecompressedTooLarge()
        => new(new Status(StatusCode.ResourceExhausted, $"grpc: received message after decompression larger than max {MaxReceiveBytes}"));

    public static RpcException DecompressionRatioTooHigh(long compressed)
        => new(new Status(StatusCode.ResourceExhausted,
            $"grpc: received message decompresses more than {MaxDecompressionRatio} times its compressed size (after {compressed} compressed bytes)"));
}
