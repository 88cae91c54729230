using System.Buffers;
using System.Threading.Channels;
using Google.Protobuf;
using Grpc.Core;
using Milvus.Local.Rpc;

namespace Milvus.Local.Transport;

/// <summary>
/// A <see cref="CallInvoker"/> that hands calls straight to a bound service in this process. Requests and
/// responses are serialized and parsed again through the methods' marshallers, so the in-process path
/// behaves like the wire and caller and engine never share a mutable message. Request headers reach the
/// handler's ServerCallContext; deadlines and cancellation are honoured. Unary and server-streaming calls are
/// supported; client and duplex streaming answer UNIMPLEMENTED.
/// </summary>
public sealed class InProcessCallInvoker : CallInvoker
{
    private readonly ServiceMethodTable _table;

    internal InProcessCallInvoker(ServiceMethodTable table) => _table = table;

    /// <summary>
    /// A blocking call that neither a deadline nor a token can cut short runs the handler on the caller's thread:
    /// the caller waits for it anyway, and the thread-pool hop cost as much as a small search. Under a
    /// synchronization context it still goes through the pool, so a handler's await cannot wait for the blocked thread.
    /// </summary>
    public override TResponse BlockingUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request)
    {
        if (options.Deadline is not null || options.CancellationToken.CanBeCanceled || SynchronizationContext.Current is not null)
            return AsyncUnaryCall(method, host, options, request).ResponseAsync.GetAwaiter().GetResult();
        using var call = new InProcessCall(method.FullName, options);
        return InvokeUnaryAsync(method, call, request).GetAwaiter().GetResult();
    }

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request)
    {
        var call = new InProcessCall(method.FullName, options);
        var response = Task.Run(() => InvokeUnaryAsync(method, call, request));
        return new AsyncUnaryCall<TResponse>(
            response, Task.FromResult(new Metadata()), () => call.Status, () => call.Context.ResponseTrailers, call.Dispose);
    }

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request)
    {
        var call = new InProcessCall(method.FullName, options);
        var stream = new InProcessResponseStream<TResponse>(call.Token);
        _ = Task.Run(() => RunServerStreamingAsync(method, call, request, stream));
        return new AsyncServerStreamingCall<TResponse>(
            stream, Task.FromResult(new Metadata()), () => call.Status, () => call.Context.ResponseTrailers, call.Dispose);
    }

    public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options)
        => throw Unimplemented(method.FullName, "client streaming");

    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options)
        => throw Unimplemented(method.FullName, "duplex streaming");

    private async Task<TResponse> InvokeUnaryAsync<TRequest, TResponse>(Method<TRequest, TResponse> method, InProcessCall call, TRequest request)
        where TRequest : class where TResponse : class
    {
        try
        {
            var handler = Resolve<UnaryServerMethod<TRequest, TResponse>>(method);
            var serverRequest = Copy(request, method.RequestMarshaller, MessageLimits.MaxReceiveBytes, MessageLimits.ReceivedTooLarge);
            var serverResponse = await call.Guard(handler(serverRequest, call.Context)).ConfigureAwait(false);
            var response = Copy(serverResponse, method.ResponseMarshaller, MessageLimits.MaxSendBytes, MessageLimits.SendingTooLarge);
            call.Status = Status.DefaultSuccess;
            return response;
        }
        catch (Exception e)
        {
            throw call.Fail(e);
        }
    }

    private async Task RunServerStreamingAsync<TRequest, TResponse>(
        Method<TRequest, TResponse> method, InProcessCall call, TRequest request, InProcessResponseStream<TResponse> stream)
        where TRequest : class where TResponse : class
    {
        try
        {
            var handler = Resolve<ServerStreamingServerMethod<TRequest, TResponse>>(method);
            var writer = new InProcessStreamWriter<TResponse>(message
                => stream.Write(Copy(message, method.ResponseMarshaller, MessageLimits.MaxSendBytes, MessageLimits.SendingTooLarge)));
            var serverRequest = Copy(request, method.RequestMarshaller, MessageLimits.MaxReceiveBytes, MessageLimits.ReceivedTooLarge);
            await call.Guard(handler(serverRequest, writer, call.Context)).ConfigureAwait(false);
            call.Status = Status.DefaultSuccess;
            stream.Complete(null);
        }
        catch (Exception e)
        {
            stream.Complete(call.Fail(e));
        }
    }

    private THandler Resolve<THandler>(IMethod method) where THandler : Delegate
    {
        if (_table.TryGet(method.FullName, out _, out var handler) && handler is THandler typed) return typed;
        throw new RpcException(new Status(StatusCode.Unimplemented, $"Method {method.FullName} is not implemented by the Milvus local engine"));
    }

    /// <summary>
    /// Serializes and parses the message: the receiver gets its own instance, exactly as over the wire, and a message
    /// over the transport's size limit fails as it would on the wire (<see cref="MessageLimits"/>).
    /// </summary>
    private static T Copy<T>(T message, Marshaller<T> marshaller, int maxBytes, Func<long, RpcException> tooLarge)
    {
        if (message is IMessage protobuf)
        {
            var size = protobuf.CalculateSize();
            if (size > maxBytes) throw tooLarge(size);
            // The bytes pass through a rented buffer: parsing copies what the new message keeps (bytes fields too), so
            // the buffer goes back at once and a call allocates no wire copy of its request or reply.
            var buffer = ArrayPool<byte>.Shared.Rent(size);
            try
            {
                var wire = buffer.AsSpan(0, size);
                protobuf.WriteTo(wire);
                return (T)protobuf.Descriptor.Parser.ParseFrom(wire);
            }
            finally { ArrayPool<byte>.Shared.Return(buffer); }
        }
        var bytes = marshaller.Serializer(message);
        if (bytes.Length > maxBytes) throw tooLarge(bytes.Length);
        return marshaller.Deserializer(bytes);
    }

    private static RpcException Unimplemented(string method, string kind)
        => new(new Status(StatusCode.Unimplemented, $"{kind} call {method} is not supported by the in-process transport of the Milvus local engine"));
}

/// <summary>Deadline, cancellation and final status of one in-process call.</summary>
internal sealed class InProcessCall : IDisposable
{
    private readonly CancellationTokenSource _cts;
    private readonly DateTime _deadline;

    public InProcessCall(string method, CallOptions options)
    {
        _deadline = options.Deadline ?? DateTime.MaxValue;
        _cts = CancellationTokenSource.CreateLinkedTokenSource(options.CancellationToken);
        if (_deadline != DateTime.MaxValue)
        {
            var remaining = _deadline.ToUniversalTime() - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero) _cts.Cancel();
            else _cts.CancelAfter(remaining);
        }
        Context = new InProcessServerCallContext(method, options.Headers ?? new Metadata(), _deadline, _cts.Token);
    }

    public InProcessServerCallContext Context { get; }

    public CancellationToken Token => _cts.Token;

    public Status Status { get; set; }

    /// <summary>Completes with the handler, or fails early when the caller cancels or the deadline passes.</summary>
    public async Task<T> Guard<T>(Task<T> work)
    {
        await Guard((Task)work).ConfigureAwait(false);
        return await work.ConfigureAwait(false);
    }

    public async Task Guard(Task work)
    {
        Token.ThrowIfCancellationRequested();
        // Most handlers answer synchronously: nothing left to race against the deadline.
        if (work.IsCompleted)
        {
            await work.ConfigureAwait(false);
            return;
        }
        var cancelled = Task.Delay(Timeout.Infinite, Token);
        if (await Task.WhenAny(work, cancelled).ConfigureAwait(false) != work) Token.ThrowIfCancellationRequested();
        await work.ConfigureAwait(false);
    }

    /// <summary>Maps a failure to the RpcException a network client would see, and records the status.</summary>
    public RpcException Fail(Exception e)
    {
        var rpc = e switch
        {
            RpcException r => r,
            OperationCanceledException when DeadlinePassed => new RpcException(new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded")),
            OperationCanceledException => new RpcException(new Status(StatusCode.Cancelled, "Call canceled by the client.")),
            _ => new RpcException(new Status(StatusCode.Unknown, "Exception was thrown by handler.", e)),
        };
        Status = rpc.Status;
        return rpc;
    }

    private bool DeadlinePassed => _deadline != DateTime.MaxValue && DateTime.UtcNow >= _deadline.ToUniversalTime();

    public void Dispose() => _cts.Dispose();
}

/// <summary>The client's side of a server stream: messages queued by the handler, read in order.</summary>
internal sealed class InProcessResponseStream<T>(CancellationToken callToken) : IAsyncStreamReader<T>
{
    private readonly Channel<T> _channel = Channel.CreateUnbounded<T>();

    public T Current { get; private set; } = default!;

    public void Write(T message) => _channel.Writer.TryWrite(message);

    public void Complete(Exception? error) => _channel.Writer.TryComplete(error);

    public async Task<bool> MoveNext(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, callToken);
        if (!await _channel.Reader.WaitToReadAsync(linked.Token).ConfigureAwait(false)) return false;
        Current = await _channel.Reader.ReadAsync(linked.Token).ConfigureAwait(false);
        return true;
    }
}

/// <summary>The handler's side of a server stream.</summary>
internal sealed class InProcessStreamWriter<T>(Action<T> write) : IServerStreamWriter<T>
{
    public WriteOptions? WriteOptions { get; set; }

    public Task WriteAsync(T message)
    {
        write(message);
        return Task.CompletedTask;
    }
}
