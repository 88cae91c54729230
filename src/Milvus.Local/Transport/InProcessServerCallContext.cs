using Grpc.Core;

namespace Milvus.Local.Transport;

/// <summary>The server-side view of one in-process call: the caller's headers, deadline and cancellation.</summary>
internal sealed class InProcessServerCallContext(
    string method, Metadata requestHeaders, DateTime deadline, CancellationToken cancellationToken) : ServerCallContext
{
    // Made when first asked for: most calls never read their trailers or auth context.
    private Metadata? _trailers;
    private AuthContext? _authContext;
    private Status _status;

    protected override string MethodCore => method;
    protected override string HostCore => "in-process";
    protected override string PeerCore => "in-process";
    protected override DateTime DeadlineCore => deadline;
    protected override Metadata RequestHeadersCore => requestHeaders;
    protected override CancellationToken CancellationTokenCore => cancellationToken;
    protected override Metadata ResponseTrailersCore => _trailers ??= [];
    protected override Status StatusCore { get => _status; set => _status = value; }
    protected override WriteOptions? WriteOptionsCore { get; set; }
    protected override AuthContext AuthContextCore => _authContext ??= new(null, new Dictionary<string, List<AuthProperty>>());

    protected override ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options)
        => throw new NotSupportedException("context propagation is not available in-process");

    protected override Task WriteResponseHeadersAsyncCore(Metadata responseHeaders) => Task.CompletedTask;
}
