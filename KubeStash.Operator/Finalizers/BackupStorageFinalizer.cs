using KubeStash.Entities.Common;
using KubeStash.Entities.Storage;
using KubeStash.Operator.Backup;
using KubeStash.Operator.Runtime.Controllers;
using KubeStash.Storage.Layout;

namespace KubeStash.Operator.Finalizers;

/// <summary>
/// Honours <c>spec.deletionPolicy</c> when a BackupStorage is deleted: <c>WipeOut</c> deletes everything under its
/// prefix; <c>Delete</c> (the default) keeps the data, so a new BackupStorage can adopt it later.
/// </summary>
public sealed class BackupStorageFinalizer(BackupStorageConnector connector, ILogger<BackupStorageFinalizer> logger) : IEntityFinalizer<BackupStorage>
{
    public async Task FinalizeAsync(BackupStorage entity, CancellationToken cancellationToken)
    {
        if (entity.Spec.DeletionPolicy != DeletionPolicy.WipeOut)
        {
            return;
        }

        await using var store = await connector.OpenAsync(entity, cancellationToken);
        var identity = await new StorageLayout(store).ReadStorageIdentityAsync(cancellationToken);
        if (identity is not null && identity.BackupStorage != StorageKeys.Of(entity))
        {
            // Never wipe a storage this object never owned (it was refused at initialisation).
            logger.LogWarning("BackupStorage {Storage}: not wiping {Store}, it belongs to {Owner}", StorageKeys.Of(entity), store.Description, identity.BackupStorage);
            return;
        }

        var deleted = await store.DeletePrefixAsync(string.Empty, cancellationToken);
        logger.LogInformation("BackupStorage {Storage}: wiped {Count} objects from {Store}", StorageKeys.Of(entity), deleted, store.Description);
    }
}
