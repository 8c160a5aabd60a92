using k8s.Models;
using KubeStash.Entities.Storage;
using KubeStash.Operator.Runtime.Client;
using KubeStash.Storage;

namespace KubeStash.Operator.Backup;

/// <summary>Opens the object store of a BackupStorage: resolves its credentials Secret and maps its spec to storage options.</summary>
public sealed class BackupStorageConnector(IEntityClient client, ILoggerFactory loggers)
{
    private readonly ObjectStoreFactory factory = new(loggers);

    /// <summary>
    /// Opens the store. Throws <see cref="BackendSecretException"/> when the Secret named by
    /// <c>spec.storage.&lt;provider&gt;.secretName</c> is missing, <see cref="StorageException"/> for an incomplete spec
    /// (<see cref="StorageErrorKind.Configuration"/>) and for backend trouble.
    /// </summary>
    public async Task<IObjectStore> OpenAsync(BackupStorage storage, CancellationToken cancellationToken)
    {
        var options = storage.ToOptions();
        var secretData = await ReadSecretAsync(storage, cancellationToken);
        return factory.Create(options, secretData);
    }

    /// <summary>Builds the store from options already mapped and Secret data already read.</summary>
    public IObjectStore Create(BackupStorageOptions options, IReadOnlyDictionary<string, byte[]>? secretData) => factory.Create(options, secretData);

    /// <summary>The credentials Secret's data, or null when the provider takes none.</summary>
    public async Task<IReadOnlyDictionary<string, byte[]>?> ReadSecretAsync(BackupStorage storage, CancellationToken cancellationToken)
    {
        var secretName = CredentialSecretName(storage);
        if (string.IsNullOrEmpty(secretName))
        {
            if (storage.Spec.Storage?.Provider is StorageProvider.S3 or StorageProvider.Azure or StorageProvider.Gcs)
            {
                throw new BackendSecretException($"spec.storage.{ProviderField(storage)}.secretName is required for provider {ProviderField(storage)}");
            }

            return null;
        }

        var secret = await client.GetAsync<V1Secret>(secretName, storage.Metadata.NamespaceProperty, cancellationToken)
            ?? throw new BackendSecretException(
                $"Secret {storage.Metadata.NamespaceProperty}/{secretName} named by spec.storage.{ProviderField(storage)}.secretName does not exist");
        return secret.Data is null ? new Dictionary<string, byte[]>() : new Dictionary<string, byte[]>(secret.Data);
    }

    /// <summary>The Secret named by <c>spec.storage.&lt;provider&gt;.secretName</c>, if the provider takes one.</summary>
    public static string? CredentialSecretName(BackupStorage storage) => storage.Spec.Storage?.Provider switch
    {
        StorageProvider.S3 => storage.Spec.Storage.S3?.SecretName,
        StorageProvider.Azure => storage.Spec.Storage.Azure?.SecretName,
        StorageProvider.Gcs => storage.Spec.Storage.Gcs?.SecretName,
        _ => null,
    };

    private static string ProviderField(BackupStorage storage) => storage.Spec.Storage?.Provider switch
    {
        StorageProvider.S3 => "s3",
        StorageProvider.Azure => "azure",
        StorageProvider.Gcs => "gcs",
        StorageProvider.Local => "local",
        _ => "provider",
    };
}
