using Grpc.Core;
using Milvus.Local;

namespace Milvus.Client.Internal.Transport;

/// <summary>Opens the local engine and gets its in-process CallInvoker, turning engine failures into client errors.</summary>
internal static class LocalInvokerAdapter
{
    public static MilvusLocalEngine Open(string fullPath, LocalEngineOptions? options)
    {
        try
        {
            return MilvusLocalEngine.Open(fullPath, options);
        }
        catch (Exception e) when (e is not MilvusException and not OutOfMemoryException)
        {
            throw new ConnectError($"Open local milvus failed on {fullPath}: {e.Message}", MilvusErrorCode.ConnectFailed, 1, null, e);
        }
    }

    public static CallInvoker CreateInvoker(MilvusLocalEngine engine) => engine.CreateCallInvoker();
}
