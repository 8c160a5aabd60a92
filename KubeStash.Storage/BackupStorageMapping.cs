using KubeStash.Entities.Storage;

namespace KubeStash.Storage;

/// <summary>From a BackupStorage object to the options the storage layer works with.</summary>
public static class BackupStorageMapping
{
    /// <summary>
    /// Maps <c>spec.storage</c> of <paramref name="storage"/>. Missing fields are passed on empty so that
    /// <see cref="ObjectStoreFactory"/> reports them by their field path.
    /// </summary>
    public static BackupStorageOptions ToOptions(this BackupStorage storage)
    {
        var backend = storage.Spec?.Storage;
        var name = $"{storage.Metadata?.NamespaceProperty}/{storage.Metadata?.Name}";
        return new BackupStorageOptions
        {
            Name = name,
            Uid = storage.Metadata?.Uid,
            Provider = backend?.Provider switch
            {
                StorageProvider.Local => "local",
                StorageProvider.S3 => "s3",
                StorageProvider.Azure => "azure",
                StorageProvider.Gcs => "gcs",
                _ => string.Empty,
            },
            Local = backend?.Local is { } local ? new LocalStorageOptions { MountPath = local.MountPath ?? string.Empty, SubPath = local.SubPath } : null,
            S3 = backend?.S3 is { } s3
                ? new S3StorageOptions
                {
                    Endpoint = s3.Endpoint ?? string.Empty,
                    Bucket = s3.Bucket ?? string.Empty,
                    Region = s3.Region,
                    Prefix = s3.Prefix,
                    InsecureTls = s3.InsecureTls ?? false,
                    SecretName = s3.SecretName,
                }
                : null,
            Azure = backend?.Azure is { } azure
                ? new AzureStorageOptions
                {
                    StorageAccount = azure.StorageAccount,
                    Container = azure.Container ?? string.Empty,
                    Prefix = azure.Prefix,
                    SecretName = azure.SecretName,
                    MaxConnections = azure.MaxConnections is { } max ? (int)Math.Clamp(max, 1, int.MaxValue) : null,
                }
                : null,
            Gcs = backend?.Gcs is { } gcs
                ? new GcsStorageOptions { Bucket = gcs.Bucket ?? string.Empty, Prefix = gcs.Prefix, SecretName = gcs.SecretName, MaxConnections = gcs.MaxConnections is { } m ? (int)Math.Clamp(m, 1, int.MaxValue) : null }
                : null,
        };
    }
}
