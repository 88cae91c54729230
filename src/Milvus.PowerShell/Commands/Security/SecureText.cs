using System.Net;
using System.Security;

namespace Milvus.PowerShell.Commands;

/// <summary>Unwraps a SecureString only at the moment a client call needs the plain text; never stored or logged.</summary>
internal static class SecureText
{
    public static string Reveal(SecureString secret) => new NetworkCredential(string.Empty, secret).Password;
}
