using System.Security.Cryptography;
using System.Text;

namespace KubeStash.Storage.Crypto;

/// <summary>
/// Turns a repository's encryption password (the <c>RESTIC_PASSWORD</c> of its encryptionSecret) into its key:
/// PBKDF2-HMAC-SHA256 over a per-repository random salt, checked against a stored key check value.
/// </summary>
public static class KeyDerivation
{
    public const string AlgorithmName = "AES-256-GCM";
    public const string KdfName = "PBKDF2-HMAC-SHA256";

    /// <summary>OWASP's current recommendation for PBKDF2-HMAC-SHA256.</summary>
    public const int DefaultIterations = 600_000;

    /// <summary>Plaintext bytes per authenticated frame.</summary>
    public const int DefaultFrameSize = 1 << 20;

    /// <summary>The Secret key holding the password, as KubeStash names it.</summary>
    public const string PasswordSecretKey = "RESTIC_PASSWORD";

    private const string KeyCheckPurpose = "kubestash/key-check/v1";
    private static readonly byte[] KeyCheckConstant = Encoding.UTF8.GetBytes("KubeStash repository key check");

    /// <summary>Fresh parameters (new random salt) for a new repository, with the key check value of <paramref name="password"/>.</summary>
    public static EncryptionParameters CreateParameters(string password, int iterations = DefaultIterations, int frameSize = DefaultFrameSize)
    {
        ArgumentException.ThrowIfNullOrEmpty(password);
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(frameSize, 1024);
        var salt = RandomNumberGenerator.GetBytes(32);
        var parameters = new EncryptionParameters { Iterations = iterations, Salt = Convert.ToBase64String(salt), FrameSize = frameSize };
        using var key = Derive(password, parameters, "new repository");
        return parameters with { KeyCheck = Convert.ToBase64String(key.Mac(KeyCheckPurpose, KeyCheckConstant)) };
    }

    /// <summary>
    /// Fresh parameters (new random salt) for a new repository made without its password at hand: no key is derived and
    /// <see cref="EncryptionParameters.KeyCheck"/> stays empty. The repository's first writer records the key check
    /// value (see <c>StorageLayout.OpenKeyAsync</c>), so whoever creates many repositories (the operator) pays no key
    /// derivation, which costs ~0.1 s of CPU each by design.
    /// </summary>
    public static EncryptionParameters CreateUncheckedParameters(int iterations = DefaultIterations, int frameSize = DefaultFrameSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(frameSize, 1024);
        return new EncryptionParameters { Iterations = iterations, Salt = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), FrameSize = frameSize };
    }

    /// <summary>
    /// Derives the key of parameters that carry no key check value yet, and returns that value (base64) for the caller to
    /// record; nothing is verified.
    /// </summary>
    public static RepositoryKey DeriveUncheckedKey(string password, EncryptionParameters parameters, string repository, out string keyCheck)
    {
        if (string.IsNullOrEmpty(password))
        {
            throw new WrongPasswordException($"repository {repository} is encrypted but the encryption password ({PasswordSecretKey}) is empty");
        }

        EnsureSupported(parameters, repository);
        var key = Derive(password, parameters, repository);
        keyCheck = Convert.ToBase64String(key.Mac(KeyCheckPurpose, KeyCheckConstant));
        return key;
    }

    /// <summary>
    /// Derives the key and verifies it against the stored key check value; a wrong password throws
    /// <see cref="WrongPasswordException"/> naming <paramref name="repository"/>.
    /// </summary>
    public static RepositoryKey DeriveKey(string password, EncryptionParameters parameters, string repository)
    {
        if (string.IsNullOrEmpty(password))
        {
            throw new WrongPasswordException($"repository {repository} is encrypted but the encryption password ({PasswordSecretKey}) is empty");
        }

        EnsureSupported(parameters, repository);
        if (string.IsNullOrEmpty(parameters.KeyCheck))
        {
            throw new ArgumentException($"repository {repository}: its encryption parameters carry no key check value yet; open its key through StorageLayout.OpenKeyAsync", nameof(parameters));
        }

        var key = Derive(password, parameters, repository);
        var expected = Convert.FromBase64String(parameters.KeyCheck);
        if (!CryptographicOperations.FixedTimeEquals(key.Mac(KeyCheckPurpose, KeyCheckConstant), expected))
        {
            key.Dispose();
            throw new WrongPasswordException($"wrong encryption password for repository {repository}: its key check value does not match ({PasswordSecretKey} of the repository's encryptionSecret)");
        }

        return key;
    }

    private static void EnsureSupported(EncryptionParameters parameters, string repository)
    {
        if (parameters.Algorithm != AlgorithmName || parameters.Kdf != KdfName)
        {
            throw new NotSupportedException($"repository {repository} uses {parameters.Algorithm} with {parameters.Kdf}; only {AlgorithmName} with {KdfName} is supported");
        }
    }

    private static RepositoryKey Derive(string password, EncryptionParameters parameters, string repository)
    {
        var master = Rfc2898DeriveBytes.Pbkdf2(
            Encoding.UTF8.GetBytes(password),
            Convert.FromBase64String(parameters.Salt),
            parameters.Iterations,
            HashAlgorithmName.SHA256,
            32);
        return new RepositoryKey(master, repository, parameters.FrameSize);
    }
}
