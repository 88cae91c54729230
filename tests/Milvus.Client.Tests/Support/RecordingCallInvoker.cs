using Google.Protobuf;
using Grpc.Core;
using Milvus.Protocol.Api;
using Milvus.Protocol.Common;
using Status = Milvus.Protocol.Common.Status;

namespace Milvus.Client.Tests.Support;

/// <summary>
/// A CallInvoker that records every request (method name, message, headers) and answers from a table of canned replies,
/// so tests can check exactly what the client sends for RPCs the local engine does not serve yet.
/// </summary>
internal sealed class RecordingCallInvoker : CallInvoker
{
    private readonly Dictionary<string, Func<IMessage, IMessage>> _replies = new(StringComparer.Ordinal);

    public List<(string Method, IMessage Request, Metadata Headers)> Calls { get; } = new();

    public RecordingCallInvoker()
    {
        Reply("Connect", _ => new ConnectResponse { Status = new Status(), Identifier = 42, ServerInfo = new ServerInfo { BuildTags = "v2.6.17" } });
    }

    public RecordingCallInvoker Reply(string method, Func<IMessage, IMessage> reply)
    {
        _replies[method] = reply;
        return this;
    }

    public T Last<T>(string method) where T : IMessage => (T)Calls.Last(c => c.Method == method).Request;

    public Metadata LastHeaders(string method) => Calls.Last(c => c.Method == method).Headers;

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options,
        TRequest request)
    {
        var message = (IMessage)request!;
        lock (Calls) Calls.Add((method.Name, message, options.Headers ?? new Metadata()));
        TResponse response;
        if (_replies.TryGetValue(method.Name, out var reply))
        {
            response = (TResponse)reply(message);
        }
        else
        {
            // Default: an empty successful reply of the right type.
            response = (TResponse)Activator.CreateInstance(typeof(TResponse))!;
            var statusField = ((IMessage)response!).Descriptor.FindFieldByName("status");
            if (statusField is not null) statusField.Accessor.SetValue((IMessage)response!, new Status());
        }
        return new AsyncUnaryCall<TResponse>(Task.FromResult(response), Task.FromResult(new Metadata()), () => Grpc.Core.Status.DefaultSuccess,
            () => new Metadata(), () => { });
    }

    public override TResponse BlockingUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request)
        => AsyncUnaryCall(method, host, options, request).ResponseAsync.GetAwaiter().GetResult();

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host,
        CallOptions options, TRequest request) => throw new NotSupportedException();

    public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method,
        string? host, CallOptions options) => throw new NotSupportedException();

    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method,
        string? host, CallOptions options) => throw new NotSupportedException();
}
