using System.Collections.Concurrent;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Milvus.Protocol.Common;
using Status = Milvus.Protocol.Common.Status;

namespace Milvus.Client.Internal.Transport;

/// <summary>Reads the <c>common.Status</c> of any reply and turns failures into exceptions as pymilvus does.</summary>
internal static class RpcStatus
{
    private static readonly ConcurrentDictionary<MessageDescriptor, FieldDescriptor?> s_statusFields = new();

    /// <summary>The reply's status: the reply itself when it is a Status, else its <c>status</c> field (null if it has none).</summary>
    public static Status? Of(IMessage reply)
    {
        if (reply is Status status) return status;
        var field = s_statusFields.GetOrAdd(reply.Descriptor, d =>
        {
            var f = d.FindFieldByName("status");
            return f?.FieldType == FieldType.Message && f.MessageType == Status.Descriptor ? f : null;
        });
        return field?.Accessor.GetValue(reply) as Status;
    }

    /// <summary>Success iff code == 0 and error_code == 0 (pymilvus <c>is_successful</c>).</summary>
    public static bool IsSuccess(Status? status) => status is null || (status.Code == 0 && status.ErrorCode == ErrorCode.Success);

    /// <summary>pymilvus <c>check_status</c>: error_code 62 → SchemaMismatchRetryableException, else MilvusException(code, reason, error_code).</summary>
    public static MilvusException ToException(Status status, string rpcName)
    {
        if (status.ErrorCode == ErrorCode.SchemaMismatch)
            return new SchemaMismatchRetryableException(status.Reason, status.Code, (int)status.ErrorCode, rpcName);
        var code = status.Code != 0 ? status.Code : (int)status.ErrorCode;
        if (rpcName == "DescribeCollection")
            return new DescribeCollectionException(status.Reason, code, (int)status.ErrorCode, rpcName);
        return new MilvusException(code, status.Reason, (int)status.ErrorCode, rpcName);
    }

    public static void ThrowIfFailed(IMessage reply, string rpcName)
    {
        var status = Of(reply);
        if (!IsSuccess(status)) throw ToException(status!, rpcName);
    }

    /// <summary>Wraps a gRPC failure so that no gRPC type leaks.</summary>
    public static MilvusRpcException ToException(RpcException e, string rpcName)
        => new((RpcStatusCode)(int)e.StatusCode, e.Status.Detail, rpcName, e);

    /// <summary>Reads <c>status.extra_info["report_value"]</c> (pymilvus "cost").</summary>
    public static long CostOf(Status? status)
        => status is not null && status.ExtraInfo.TryGetValue("report_value", out var v) && long.TryParse(v, out var cost) ? cost : 0;
}
