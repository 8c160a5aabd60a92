using KubeStash.Entities.Common;
using KubeStash.Entities.Storage;
using KubeStash.Operator.Backup;
using KubeStash.Operator.Controllers;
using KubeStash.Operator.Runtime.Controllers;
using KubeStash.Storage.Layout;

namespace KubeStash.Operator.Finalizers;

/// <summary>
/// Honours a Snapshot's <c>spec.deletionPolicy</c>: <c>WipeOut</c> deletes its data and metadata copy from the backend
/// (commit record first, so readers stop seeing it at once); <c>Delete</c> keeps them.
/// </summary>
public sealed class SnapshotFinalizer(SnapshotController snapshots, BackupStorageConnector connector, ILogger<SnapshotFinalizer> logger) : IEntityFinalizer<Snapshot>
{
    public async Task FinalizeAsync(Snapshot entity, CancellationToken cancellationToken)
    {
        if (entity.Spec.DeletionPolicy != DeletionPolicy.WipeOut)
        {
            return;
        }

        Repository repository;
        BackupStorage storage;
        try
        {
            (repository, storage) = await snapshots.ResolveAsync(entity, cancellationToken);
        }
        catch (InvalidOperationException e)
        {
            // The Repository or storage is gone (e.g. wiped with its directory): there is no data left to delete.
            logger.LogInformation("Snapshot {Namespace}/{Name}: {Reason}; nothing to wipe", entity.Metadata.NamespaceProperty, entity.Metadata.Name, e.Message);
            return;
        }

        await using var store = await connector.OpenAsync(storage, cancellationToken);
        await new StorageLayout(store).DeleteSnapshotAsync(StorageKeys.RepositoryDirectory(repository), entity.Metadata.Name, cancellationToken);
    }
}
