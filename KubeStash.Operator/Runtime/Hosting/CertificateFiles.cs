using System.Security.Cryptography.X509Certificates;

namespace KubeStash.Operator.Runtime.Hosting;

/// <summary>
/// The serving certificate from PEM files (tls.crt, tls.key), reloaded when the files change so cert-manager's
/// renewals take effect without a restart.
/// </summary>
public sealed class CertificateFiles(string directory) : IDisposable
{
    private static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(10);
    private readonly Lock gate = new();
    private X509Certificate2? current;
    private DateTime loadedStamp;
    private DateTime nextCheck;

    public string CertificatePath { get; } = Path.Combine(directory, "tls.crt");

    public string KeyPath { get; } = Path.Combine(directory, "tls.key");

    public bool Exist => File.Exists(CertificatePath) && File.Exists(KeyPath);

    public X509Certificate2 Current
    {
        get
        {
            lock (gate)
            {
                var now = DateTime.UtcNow;
                if (current is not null && now < nextCheck)
                {
                    return current;
                }

                nextCheck = now + CheckInterval;
                var stamp = File.GetLastWriteTimeUtc(CertificatePath);
                if (current is null || stamp != loadedStamp)
                {
                    var loaded = X509Certificate2.CreateFromPemFile(CertificatePath, KeyPath);
                    current?.Dispose();
                    current = loaded;
                    loadedStamp = stamp;
                }

                return current;
            }
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            current?.Dispose();
            current = null;
        }
    }
}
