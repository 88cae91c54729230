namespace Milvus.Client;

/// <summary>
/// A call's time budget (its timeout, <see cref="MilvusClientOptions.CallTimeout"/> or <see cref="MilvusCallContext.WithTimeout"/>)
/// ran out before the server answered. Same code and message as pymilvus's MilvusException ("[Rpc] Retry timeout: ...").
/// </summary>
public class MilvusTimeoutException : MilvusException
{
    public MilvusTimeoutException(string message, int code = 1, int compatibleCode = 1, string? rpcName = null, Exception? innerException = null)
        : base(code, message, compatibleCode, rpcName, innerException) { }
}
