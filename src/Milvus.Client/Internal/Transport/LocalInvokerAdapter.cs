using Grpc.Core;
using Milvus.Local;

namespace Milvus.Client.Internal.Transport;

/// <summary>Gets the in-process CallInvoker from the local engine (contract: <c>MilvusLocalEngine.CreateCallInvoker()</c>).</summary>
internal static class LocalInvokerAdapter
{
    public static CallInvoker CreateInvoker(MilvusLocalEngine engine)
    {
        // Bound late until the engine branch's CreateCallInvoker is merged; then this becomes a direct call.
        var method = typeof(MilvusLocalEngine).GetMethod("CreateCallInvoker", Type.EmptyTypes)
            ?? throw new MilvusException(MilvusErrorCode.ConnectFailed, "The local engine does not offer an in-process transport (CreateCallInvoker)");
        return (CallInvoker)method.Invoke(engine, null)!;
    }
}
