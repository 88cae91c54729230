namespace Milvus.PowerShell.Errors;

/// <summary>An error raised by the cmdlet layer itself (not connected, bad parameter combination, bad input row).</summary>
public sealed class MilvusCmdletException : Exception
{
    public MilvusCmdletException(string message) : base(message) { }

    public MilvusCmdletException(string message, Exception innerException) : base(message, innerException) { }
}
