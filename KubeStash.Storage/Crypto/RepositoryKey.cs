using System.Security.Cryptography;
using System.Text;

namespace KubeStash.Storage.Crypto;

/// <summary>
/// A repository's master key (derived from its password). Purpose-specific keys are derived from it with
/// HKDF-SHA256, so the master key itself never encrypts anything.
/// </summary>
public sealed class RepositoryKey : IDisposable
{
    private readonly byte[] master;
    private bool disposed;

    internal RepositoryKey(byte[] master, string repository, int frameSize)
    {
        this.master = master;
        Repository = repository;
        FrameSize = frameSize;
    }

    /// <summary>The repository this key opens (for messages).</summary>
    public string Repository { get; }

    /// <summary>Plaintext bytes per authenticated frame for data sealed with this key.</summary>
    public int FrameSize { get; }

    internal byte[] DeriveSubkey(string purpose, ReadOnlySpan<byte> salt)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var subkey = new byte[32];
        HKDF.DeriveKey(HashAlgorithmName.SHA256, master, subkey, salt, Encoding.UTF8.GetBytes(purpose));
        return subkey;
    }

    internal byte[] Mac(string purpose, ReadOnlySpan<byte> data)
    {
        var subkey = DeriveSubkey(purpose, ReadOnlySpan<byte>.Empty);
        try
        {
            return HMACSHA256.HashData(subkey, data);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(subkey);
        }
    }

    public void Dispose()
    {
        disposed = true;
        CryptographicOperations.ZeroMemory(master);
    }
}
