using KubeStash.Entities.Storage;
using KubeStash.Operator.Backup;
using KubeStash.Operator.Runtime.Client;
using KubeStash.Operator.Runtime.Controllers;
using KubeStash.Operator.Runtime.Events;
using KubeStash.Operator.Runtime.Rbac;
using KubeStash.Operator.Runtime.Watching;
using KubeStash.Storage;
using KubeStash.Storage.Layout;

namespace KubeStash.Operator.Controllers;

/// <summary>
/// Seed steps 1–3: resolves a BackupStorage's credentials Secret, claims the storage by writing <c>metadata.yaml</c>
/// (refusing one already claimed by another BackupStorage) and reports phase, conditions, the Repositories using it
/// and their total size (the sum of their <c>status.size</c>, which each Repository keeps from its Snapshots). Once per BackupStorage object, Repositories and Snapshots already in the storage (backups made
/// by another cluster) are recreated from it; a pass with problems (e.g. a missing namespace) is repeated at each recheck.
/// </summary>
[EntityRbac(typeof(BackupStorage), Verbs = RbacVerbs.Get | RbacVerbs.List | RbacVerbs.Watch | RbacVerbs.Update | RbacVerbs.Patch)]
[GenericRbac(Groups = ["storage.kubestash.com"], Resources = ["backupstorages/status", "backupstorages/finalizers"], Verbs = RbacVerbs.Get | RbacVerbs.Update | RbacVerbs.Patch)]
[GenericRbac(Groups = [""], Resources = ["secrets"], Verbs = RbacVerbs.Get | RbacVerbs.List | RbacVerbs.Watch)]
[GenericRbac(Groups = [""], Resources = ["events"], Verbs = RbacVerbs.Create | RbacVerbs.Patch | RbacVerbs.Update)]
public sealed class BackupStorageController(
    IEntityCache<Repository> repositories,
    StatusWriter statusWriter,
    BackupStorageConnector connector,
    RepositoryRediscovery rediscovery,
    BackupOperatorSettings settings,
    IEventRecorder events,
    TimeProvider clock,
    ILogger<BackupStorageController> logger) : IEntityController<BackupStorage>
{
    public const string BackendSecretFound = "BackendSecretFound";
    public const string BackendInitialized = "BackendInitialized";
    public const string RepositoriesSynced = "RepositoriesSynced";

    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(3);

    /// <summary>A user fixing what blocked a rediscovery (typically creating a namespace) should not wait a full recheck.</summary>
    private static readonly TimeSpan PartialSyncRecheckInterval = TimeSpan.FromSeconds(10);

    public async Task<ReconcileResult> ReconcileAsync(BackupStorage entity, CancellationToken cancellationToken)
    {
        var generation = entity.Metadata.Generation;
        IReadOnlyDictionary<string, byte[]>? secretData;
        try
        {
            secretData = await connector.ReadSecretAsync(entity, cancellationToken);
        }
        catch (BackendSecretException e)
        {
            await NotReadyAsync(entity, s => s.Conditions = Conditions.Set(s.Conditions, BackendSecretFound, false, "SecretNotFound", e.Message, generation, clock), cancellationToken);
            return ReconcileResult.Success(RetryInterval);
        }

        var options = entity.ToOptions();
        var secretMessage = secretData is null ? "the provider needs no credentials Secret" : $"Secret {BackupStorageConnector.CredentialSecretName(entity)} found";
        RediscoveryResult? rediscovered = null;
        try
        {
            await using var store = connector.Create(options, secretData);
            var layout = new StorageLayout(store);
            await layout.InitializeStorageAsync(
                new StorageIdentity { BackupStorage = StorageKeys.Of(entity), Uid = entity.Metadata.Uid, Provider = options.Provider },
                cancellationToken);
            if (!Conditions.IsTrue(entity.Status.Conditions, RepositoriesSynced))
            {
                // The only full listing of the storage, and only until its backups are known here: a bucket that holds
                // years of snapshots would otherwise be listed at every recheck.
                var repositoryDirectories = new List<string>();
                await foreach (var item in store.ListAsync(string.Empty, cancellationToken))
                {
                    if (StorageLayout.RepositoryDirectoryOf(item.Key) is { } directory)
                    {
                        repositoryDirectories.Add(directory);
                    }
                }

                rediscovered = await rediscovery.RediscoverAsync(entity, layout, repositoryDirectories, cancellationToken);
            }
        }
        catch (StorageConflictException e)
        {
            await NotReadyAsync(entity, s =>
            {
                s.Conditions = Conditions.Set(s.Conditions, BackendSecretFound, true, "SecretAvailable", secretMessage, generation, clock);
                s.Conditions = Conditions.Set(s.Conditions, BackendInitialized, false, "StorageClaimedByAnotherBackupStorage", e.Message, generation, clock);
            }, cancellationToken);
            await events.RecordAsync(entity, EventSeverity.Warning, "StorageClaimedByAnotherBackupStorage", e.Message, cancellationToken);
            return ReconcileResult.Success(settings.StorageRecheckInterval);
        }
        catch (StorageException e)
        {
            var invalid = e.Kind is StorageErrorKind.Configuration or StorageErrorKind.NotSupported;
            logger.LogWarning(e, "BackupStorage {Storage} could not be initialised", StorageKeys.Of(entity));
            await NotReadyAsync(entity, s =>
            {
                s.Conditions = Conditions.Set(s.Conditions, BackendSecretFound, true, "SecretAvailable", secretMessage, generation, clock);
                s.Conditions = Conditions.Set(s.Conditions, BackendInitialized, false, invalid ? "InvalidSpec" : "BackendUnavailable", e.Message, generation, clock);
            }, cancellationToken);
            return ReconcileResult.Success(invalid ? settings.StorageRecheckInterval : RetryInterval);
        }

        var inUse = RepositoriesUsing(entity);
        var totalBytes = inUse.Sum(r => SizeFormat.Parse(r.Size) ?? 0);
        await statusWriter.UpdateStatusAsync(entity, s =>
        {
            s.Status.Phase = BackupStoragePhase.Ready;
            s.Status.TotalSize = SizeFormat.Format(totalBytes);
            s.Status.Repositories = inUse.Count == 0 ? null : inUse;
            s.Status.Conditions = Conditions.Set(s.Status.Conditions, BackendSecretFound, true, "SecretAvailable", secretMessage, generation, clock);
            s.Status.Conditions = Conditions.Set(
                s.Status.Conditions, BackendInitialized, true, "BackendInitialized", $"{StorageLayout.MetadataKey} is in place; the storage belongs to this BackupStorage", generation, clock);
            if (rediscovered is not null)
            {
                var synced = rediscovered.Problems.Count == 0;
                s.Status.Conditions = Conditions.Set(
                    s.Status.Conditions, RepositoriesSynced, synced, synced ? "RepositoriesSynced" : "RepositoriesPartiallySynced", rediscovered.Describe(), generation, clock);
            }
        }, cancellationToken);
        if (rediscovered is { Problems.Count: > 0 })
        {
            await events.RecordAsync(entity, EventSeverity.Warning, "RepositoriesPartiallySynced", rediscovered.Describe(), cancellationToken);
            return ReconcileResult.Success(PartialSyncRecheckInterval);
        }

        return ReconcileResult.Success(settings.StorageRecheckInterval);
    }

    public Task DeletedAsync(BackupStorage entity, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// The Repositories naming this storage, from the operator's watch cache: at a thousand Repositories a list from the
    /// API server on every recheck would move megabytes for a figure the Repository watch already holds.
    /// </summary>
    private List<Entities.Storage.RepositoryInfo> RepositoriesUsing(BackupStorage storage)
    {
        return
        [
            .. repositories.List()
                .Where(r => r.Spec.StorageRef is { } reference
                            && reference.Name == storage.Metadata.Name
                            && (string.IsNullOrEmpty(reference.Namespace) ? r.Metadata.NamespaceProperty : reference.Namespace) == storage.Metadata.NamespaceProperty)
                .OrderBy(r => r.Metadata.NamespaceProperty, StringComparer.Ordinal)
                .ThenBy(r => r.Metadata.Name, StringComparer.Ordinal)
                .Select(r => new Entities.Storage.RepositoryInfo
                {
                    Name = r.Metadata.Name,
                    Namespace = r.Metadata.NamespaceProperty,
                    Path = r.Spec.Path,
                    Size = r.Status.Size,
                    Synced = r.Status.Phase == RepositoryPhase.Ready,
                }),
        ];
    }

    private Task<BackupStorage> NotReadyAsync(BackupStorage entity, Action<BackupStorageStatus> change, CancellationToken cancellationToken)
        => statusWriter.UpdateStatusAsync(entity, s =>
        {
            s.Status.Phase = BackupStoragePhase.NotReady;
            change(s.Status);
        }, cancellationToken);
}
