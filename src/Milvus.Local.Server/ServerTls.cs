using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace Milvus.Local.Server;

/// <summary>
/// TLS for the server, as Milvus's <c>tlsMode</c>: 1 = one-way (the server presents <see cref="CertificatePath"/>),
/// 2 = mutual (clients must also present a certificate issued by <see cref="ClientCaPath"/>). PEM files.
/// </summary>
public sealed record ServerTls(string CertificatePath, string KeyPath, string? ClientCaPath = null)
{
    /// <summary>Milvus's tlsMode: 1 one-way, 2 mutual.</summary>
    public int Mode => ClientCaPath is null ? 1 : 2;

    /// <summary>Loads the files now, so a bad path or key fails the start with a clear message rather than the first call.</summary>
    internal void Apply(ListenOptions listen)
    {
        var certificate = X509Certificate2.CreateFromPemFile(CertificatePath, KeyPath);
        var clientCa = ClientCaPath is null ? null : LoadCa(ClientCaPath);
        listen.UseHttps(https =>
        {
            https.ServerCertificate = certificate;
            if (clientCa is null) return;
            https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
            https.ClientCertificateValidation = (presented, _, _) => IssuedBy(presented, clientCa);
        });
    }

    private static X509Certificate2Collection LoadCa(string path)
    {
        var roots = new X509Certificate2Collection();
        roots.ImportFromPemFile(path);
        if (roots.Count == 0) throw new InvalidDataException($"{path} holds no PEM certificate");
        return roots;
    }

    /// <summary>The client certificate chains to one of the given CAs (and nothing else: the system store is not trusted).</summary>
    private static bool IssuedBy(X509Certificate2 presented, X509Certificate2Collection roots)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new System.Security.Cryptography.Oid("1.3.6.1.5.5.7.3.2")); // client authentication
        return chain.Build(presented);
    }
}
