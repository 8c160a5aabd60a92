namespace KubeStash.Storage;

/// <summary>
/// What the storage layer needs from a BackupStorage spec: KubeStash's <c>spec.storage</c> with its
/// <c>provider</c> and the block for that provider. <see cref="Name"/> (namespace/name) is used in messages
/// and as the storage's identity in <c>metadata.yaml</c>.
/// </summary>
public sealed record BackupStorageOptions
{
    /// <summary><c>namespace/name</c> of the BackupStorage object.</summary>
    public required string Name { get; init; }

    /// <summary>The BackupStorage's metadata.uid, when known; part of its identity.</summary>
    public string? Uid { get; init; }

    /// <summary><c>spec.storage.provider</c>: local, s3, azure, gcs, …</summary>
    public required string Provider { get; init; }

    public LocalStorageOptions? Local { get; init; }

    public S3StorageOptions? S3 { get; init; }

    public AzureStorageOptions? Azure { get; init; }

    public GcsStorageOptions? Gcs { get; init; }
}
