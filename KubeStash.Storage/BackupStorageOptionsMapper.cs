using KubeStash.Entities.Storage;

namespace KubeStash.Storage;

/// <summary>
/// Turns a BackupStorage object (KubeStash's <c>spec.storage</c>) into <see cref="BackupStorageOptions"/>. Missing
/// required fields are a Configuration <see cref="StorageException"/> naming the object and the field, so a Job's failure message points at the manifest.
/// </summary>
public static class BackupStorageOptionsMapper
{
    /// <summary>Maps <paramref name="storage"/>; the options are named <c>namespace/name</c> as the object.</summary>
    public static BackupStorageOptions ToOptions(this BackupStorage storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        var name = string.IsNullOrEmpty(storage.Metadata.NamespaceProperty)
            ? storage.Metadata.Name
            : $"{storage.Metadata.NamespaceProperty}/{storage.Metadata.Name}";
        var backend = storage.Spec.Storage ?? throw Missing(name, "spec.storage");
        var provider = backend.Provider ?? throw Missing(name, "spec.storage.provider");
        return provider switch
        {
            StorageProvider.Local => new BackupStorageOptions
            {
                Name = name,
                Uid = storage.Metadata.Uid,
                Provider = "local",
                Local = new LocalStorageOptions
                {
                    MountPath = Required(backend.Local?.MountPath, name, "spec.storage.local.mountPath"),
                    SubPath = backend.Local?.SubPath,
                },
            },
            StorageProvider.S3 => new BackupStorageOptions
            {
                Name = name,
                Uid = storage.Metadata.Uid,
                Provider = "s3",
                S3 = new S3StorageOptions
                {
                    Endpoint = Required(backend.S3?.Endpoint, name, "spec.storage.s3.endpoint"),
                    Bucket = Required(backend.S3?.Bucket, name, "spec.storage.s3.bucket"),
                    Region = backend.S3?.Region,
                    Prefix = backend.S3?.Prefix,
                    InsecureTls = backend.S3?.InsecureTls ?? false,
                    SecretName = backend.S3?.SecretName,
                },
            },
            StorageProvider.Azure => new BackupStorageOptions
            {
                Name = name,
                Uid = storage.Metadata.Uid,
                Provider = "azure",
                Azure = new AzureStorageOptions
                {
                    StorageAccount = backend.Azure?.StorageAccount,
                    Container = Required(backend.Azure?.Container, name, "spec.storage.azure.container"),
                    Prefix = backend.Azure?.Prefix,
                    SecretName = backend.Azure?.SecretName,
                    MaxConnections = backend.Azure?.MaxConnections is { } azureConnections ? checked((int)azureConnections) : null,
                },
            },
            StorageProvider.Gcs => new BackupStorageOptions
            {
                Name = name,
                Uid = storage.Metadata.Uid,
                Provider = "gcs",
                Gcs = new GcsStorageOptions
                {
                    Bucket = Required(backend.Gcs?.Bucket, name, "spec.storage.gcs.bucket"),
                    Prefix = backend.Gcs?.Prefix,
                    SecretName = backend.Gcs?.SecretName,
                    MaxConnections = backend.Gcs?.MaxConnections is { } gcsConnections ? checked((int)gcsConnections) : null,
                },
            },
            _ => throw new StorageException(StorageErrorKind.Configuration, $"BackupStorage {name}", $"spec.storage.provider {provider} is not known"),
        };
    }

    /// <summary>The name of the Secret holding the backend's credentials, if the provider takes one.</summary>
    public static string? CredentialSecretName(this BackupStorage storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        var backend = storage.Spec.Storage;
        return backend?.Provider switch
        {
            StorageProvider.S3 => backend.S3?.SecretName,
            StorageProvider.Azure => backend.Azure?.SecretName,
            StorageProvider.Gcs => backend.Gcs?.SecretName,
            _ => null,
        };
    }

    private static string Required(string? value, string storage, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw Missing(storage, field) : value;

    private static StorageException Missing(string storage, string field) =>
        new(StorageErrorKind.Configuration, $"BackupStorage {storage}", $"{field} is required");
}
