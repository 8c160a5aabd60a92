using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace KubeStash.Storage.Backends;

/// <summary>HTTP handlers honouring a storage's TLS settings (insecureTLS, a custom CA bundle).</summary>
internal static class TlsHandlers
{
    public static SocketsHttpHandler Create(bool insecure, string? caPem, int? maxConnections)
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(15),
            MaxConnectionsPerServer = maxConnections is > 0 ? maxConnections.Value : int.MaxValue,
        };
        if (insecure)
        {
            // The user asked for it (spec.storage.s3.insecureTLS), e.g. for a self-signed in-cluster endpoint.
#pragma warning disable CA5359
            handler.SslOptions.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
#pragma warning restore CA5359
        }
        else if (!string.IsNullOrWhiteSpace(caPem))
        {
            var authorities = new X509Certificate2Collection();
            authorities.ImportFromPem(caPem);
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                errors == SslPolicyErrors.None || (certificate is not null && ChainsTo(certificate, authorities));
        }

        return handler;
    }

    private static bool ChainsTo(X509Certificate certificate, X509Certificate2Collection authorities)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    }

    /// <summary>True when the failure is a TLS handshake the server's certificate failed (anywhere in the cause chain).</summary>
    public static bool IsCertificateFailure(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is System.Security.Authentication.AuthenticationException)
            {
                return true;
            }
        }

        return false;
    }
}
