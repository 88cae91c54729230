namespace Milvus.PowerShell.Errors;

/// <summary>A call ran past the cmdlet's -TimeoutSec and was cancelled.</summary>
public sealed class MilvusCallTimeoutException : TimeoutException
{
    public MilvusCallTimeoutException(int timeoutSeconds, Exception innerException)
        : base($"The Milvus call did not finish within {timeoutSeconds} s (-TimeoutSec) and was cancelled.", innerException)
    {
        TimeoutSeconds = timeoutSeconds;
    }

    public int TimeoutSeconds { get; }
}
