using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Milvus.Local.Security;
using Milvus.Local.Tests.Engine;
using Milvus.Protocol.Api;
using static Milvus.Local.Tests.Engine.LocalEngineHarness;
using static Milvus.Local.Tests.Security.SecurityTestKit;

namespace Milvus.Local.Tests.Security;

/// <summary>
/// Beyond the matrix's hand-written calls: every MilvusService RPC whose request carries Milvus's privilege option
/// (the RPCs Milvus's privilege interceptor checks), called with an empty request, is refused to a user with no role
/// with Milvus's text and never to root, and every RPC refuses a caller without credentials; through both transports.
/// (RPCs Milvus does not check, such as ShowCollections, filter what they list instead: VisibilityTests.)
/// </summary>
public abstract class EveryCheckedRpcTests(EngineTransport transport) : IDisposable
{
    private readonly LocalEngineHarness _h = new(transport, new LocalEngineOptions { AuthorizationEnabled = true });

    public void Dispose() => _h.Dispose();

    private static IEnumerable<MethodDescriptor> Rpcs => MilvusService.Descriptor.Methods.Where(m => !m.IsClientStreaming && !m.IsServerStreaming);

    private static IMessage Empty(MethodDescriptor rpc) => rpc.InputType.Parser.ParseFrom(ByteString.Empty);

    /// <summary>Calls the RPC through the generated client's typed method (what every test and SDK call goes through).</summary>
    private Exception? Call(MethodDescriptor rpc, string? authorization)
    {
        var request = Empty(rpc);
        var method = typeof(MilvusService.MilvusServiceClient).GetMethod(rpc.Name, [request.GetType(), typeof(CallOptions)])!;
        var options = new CallOptions(deadline: DateTime.UtcNow.AddMinutes(1));
        return Record.Exception(() =>
        {
            try
            {
                method.Invoke(_h.ClientAs(authorization), [request, options]);
            }
            catch (System.Reflection.TargetInvocationException e) when (e.InnerException is not null)
            {
                throw e.InnerException;
            }
        });
    }

    [Fact]
    public void Each_checked_rpc_is_denied_to_a_user_without_a_role_and_allowed_to_root()
    {
        Ok(_h.CreateUser("nobody", "Nobody-Pass-1"));
        var checkedRpcs = Rpcs.Select(r => (Rpc: r, Required: PrivilegeRequirement.Of(Empty(r)))).Where(c => c.Required is not null).ToList();
        // The 3.0.6 descriptor's count: a new checked RPC changes it.
        Assert.Equal(110, checkedRpcs.Count);
        // Milvus's public role holds these three, so a user without a role of their own has them too.
        var publicOnes = new[] { "PrivilegeDescribeCollection", "PrivilegeListAliases", "PrivilegeIndexDetail" };
        var failures = new List<string>();
        foreach (var (rpc, required) in checkedRpcs)
        {
            var privilege = required!.MetastoreName;
            var asRoot = Call(rpc, RootAuthorization);
            if (asRoot is RpcException { StatusCode: StatusCode.PermissionDenied or StatusCode.Unauthenticated } r)
                failures.Add($"{rpc.Name} as root: {r.Status.Detail}");
            if (publicOnes.Contains(privilege)) continue;
            var asNobody = Call(rpc, B64("nobody:Nobody-Pass-1"));
            if (asNobody is not RpcException { StatusCode: StatusCode.PermissionDenied } denied
                || !denied.Status.Detail.StartsWith($"{privilege}: permission deny to nobody in the `", StringComparison.Ordinal))
                failures.Add($"{rpc.Name} as nobody: {asNobody?.Message ?? "allowed"}");
        }
        Assert.Empty(failures);
    }

    [Fact]
    public void Every_rpc_refuses_a_caller_without_credentials()
    {
        var failures = new List<string>();
        foreach (var rpc in Rpcs)
        {
            var outcome = Call(rpc, authorization: null);
            if (outcome is not RpcException { StatusCode: StatusCode.Unauthenticated } rejected || rejected.Status.Detail != "missing authorization in header")
                failures.Add($"{rpc.Name}: {outcome?.Message ?? "allowed"}");
        }
        // Milvus's authentication interceptor wraps every RPC, Connect, GetVersion and CheckHealth included (as the matrix checks).
        Assert.Empty(failures);
    }
}

public sealed class InProcessEveryCheckedRpcTests() : EveryCheckedRpcTests(EngineTransport.InProcess);

public sealed class KestrelEveryCheckedRpcTests() : EveryCheckedRpcTests(EngineTransport.Kestrel);
