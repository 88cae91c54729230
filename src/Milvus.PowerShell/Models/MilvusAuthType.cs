namespace Milvus.PowerShell.Models;

/// <summary>How a connection authenticates.</summary>
public enum MilvusAuthType
{
    /// <summary>No credentials (authorization disabled on the server, or the local engine).</summary>
    None,

    /// <summary>User name and password (-Credential).</summary>
    Password,

    /// <summary>A token (-Token): an API key or "user:password".</summary>
    Token,
}
