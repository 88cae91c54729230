using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Grpc.Core;
using Milvus.Local.Engine;

namespace Milvus.Local.Security;

/// <summary>
/// Milvus's authentication interceptor: the <c>authorization</c> header holds base64("user:password") (an SDK token
/// "user:password" is sent the same way); a value without ':' would be an API key, which this engine has none of.
/// Failures are gRPC UNAUTHENTICATED with Milvus's texts, never a status SDKs would retry. A successful check is
/// remembered as a keyed hash of the password next to the stored hash it matched, so the slow KDF runs once per
/// user and password change, not once per call (Milvus caches verified credentials the same way).
/// </summary>
internal sealed class CallerAuthenticator(EngineCore core, EngineSecurity security)
{
    public const string MissingHeader = "missing authorization in header";
    public const string InvalidFormat = "invalid token format";
    public const string BadApiKey = "auth check failure, please check api key is correct";
    public const string BadPassword = "auth check failure, please check username and password are correct";

    private readonly byte[] _cacheKey = RandomNumberGenerator.GetBytes(32);
    private readonly ConcurrentDictionary<string, (string StoredHash, byte[] Proof)> _verified = new(StringComparer.Ordinal);

    public CallerIdentity Authenticate(Metadata headers)
    {
        var header = headers.GetValue("authorization");
        if (header is null) throw Unauthenticated(MissingHeader);
        string token;
        try
        {
            token = new UTF8Encoding(false, true).GetString(Convert.FromBase64String(header));
        }
        catch (Exception e) when (e is FormatException or DecoderFallbackException)
        {
            throw Unauthenticated(InvalidFormat);
        }
        var colon = token.IndexOf(':');
        if (colon < 0) throw Unauthenticated(BadApiKey);
        var user = token[..colon];
        if (!Verify(user, token[(colon + 1)..])) throw Unauthenticated(BadPassword);
        return new CallerIdentity(user);
    }

    private bool Verify(string user, string password)
    {
        string? stored;
        lock (core.Gate) stored = security.Catalog.PasswordHashOf(user);
        if (stored is null) return false;
        var proof = HMACSHA256.HashData(_cacheKey, Encoding.UTF8.GetBytes(password));
        if (_verified.TryGetValue(user, out var known) && known.StoredHash == stored)
            return CryptographicOperations.FixedTimeEquals(known.Proof, proof);
        if (!PasswordHasher.Verify(password, stored)) return false;
        _verified[user] = (stored, proof);
        return true;
    }

    private static RpcException Unauthenticated(string message) => new(new Status(StatusCode.Unauthenticated, message));
}
