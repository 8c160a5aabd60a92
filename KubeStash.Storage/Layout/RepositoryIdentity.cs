using KubeStash.Storage.Crypto;

namespace KubeStash.Storage.Layout;

/// <summary>
/// <c>&lt;prefix&gt;/&lt;repository directory&gt;/repository.yaml</c>: which Repository owns the directory and, when it
/// is encrypted, the key derivation parameters (salt, iterations, key check value). Written once: the salt
/// must never change, or existing snapshots could not be read.
/// </summary>
public sealed record RepositoryIdentity
{
    public const string CurrentKind = "KubeStashRepository";

    public string Kind { get; init; } = CurrentKind;

    public int FormatVersion { get; init; } = 1;

    /// <summary><c>namespace/name</c> of the owning Repository.</summary>
    public string Repository { get; init; } = string.Empty;

    public string? Uid { get; init; }

    /// <summary><c>namespace/name</c> of the BackupStorage it lives in.</summary>
    public string BackupStorage { get; init; } = string.Empty;

    /// <summary>The repository directory relative to the storage prefix.</summary>
    public string Path { get; init; } = string.Empty;

    /// <summary>RFC 3339, UTC.</summary>
    public string CreatedAt { get; init; } = string.Empty;

    /// <summary>Null when the repository is not encrypted.</summary>
    public EncryptionParameters? Encryption { get; init; }

    /// <summary>
    /// <c>namespace/name</c> of the Secret holding the password, as the Repository named it: a cluster rediscovering the
    /// repository from storage alone recreates the reference (never the password). Absent in repositories written before.
    /// </summary>
    public string? EncryptionSecret { get; init; }

    /// <summary>The Repository's <c>spec.deletionPolicy</c> when it was created (Delete, WipeOut, …), for rediscovery.</summary>
    public string? DeletionPolicy { get; init; }
}
