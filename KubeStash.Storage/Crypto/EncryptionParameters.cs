namespace KubeStash.Storage.Crypto;

/// <summary>
/// How a repository's key is derived from its password and how its data is sealed; stored in
/// <c>repository.yaml</c>. Contains no secret: the salt is random, the key check value is an HMAC under the key.
/// </summary>
public sealed record EncryptionParameters
{
    public string Algorithm { get; init; } = KeyDerivation.AlgorithmName;

    public string Kdf { get; init; } = KeyDerivation.KdfName;

    public int Iterations { get; init; }

    /// <summary>Base64 of the per-repository random salt.</summary>
    public string Salt { get; init; } = string.Empty;

    /// <summary>
    /// Base64 of HMAC-SHA256(key-check subkey, constant): lets a wrong password fail before any data is read. Empty when
    /// the repository was made without its password (by the operator): the value then lives in <c>key-check.yaml</c>,
    /// written by the repository's first writer.
    /// </summary>
    public string KeyCheck { get; init; } = string.Empty;

    /// <summary>Plaintext bytes per authenticated frame.</summary>
    public int FrameSize { get; init; } = KeyDerivation.DefaultFrameSize;
}
