using KubeStash.Entities.Common;
using KubeStash.Entities.Storage;
using KubeStash.Operator.Backup;
using KubeStash.Operator.Runtime.Client;
using KubeStash.Operator.Runtime.Controllers;
using KubeStash.Storage.Layout;

namespace KubeStash.Operator.Finalizers;

/// <summary>
/// Honours a Repository's <c>spec.deletionPolicy</c>: <c>WipeOut</c> deletes its directory from the backend (only when
/// <c>repository.yaml</c> says the directory is this Repository's); <c>Delete</c> keeps the data.
/// </summary>
public sealed class RepositoryFinalizer(IEntityClient client, BackupStorageConnector connector, ILogger<RepositoryFinalizer> logger) : IEntityFinalizer<Repository>
{
    public async Task FinalizeAsync(Repository entity, CancellationToken cancellationToken)
    {
        if (entity.Spec.DeletionPolicy != DeletionPolicy.WipeOut || entity.Spec.StorageRef is not { Name.Length: > 0 } storageRef)
        {
            return;
        }

        var storageNamespace = string.IsNullOrEmpty(storageRef.Namespace) ? entity.Metadata.NamespaceProperty : storageRef.Namespace;
        var storage = await client.GetAsync<BackupStorage>(storageRef.Name, storageNamespace, cancellationToken);
        if (storage is null)
        {
            logger.LogWarning("Repository {Repository}: BackupStorage {Namespace}/{Name} is gone; nothing to wipe", StorageKeys.Of(entity), storageNamespace, storageRef.Name);
            return;
        }

        var directory = StorageKeys.RepositoryDirectory(entity);
        await using var store = await connector.OpenAsync(storage, cancellationToken);
        var identity = await new StorageLayout(store).ReadRepositoryAsync(directory, cancellationToken);
        if (identity is null || identity.Repository != StorageKeys.Of(entity))
        {
            return;
        }

        await store.DeletePrefixAsync(directory + "/", cancellationToken);
    }
}
