using k8s.Models;
using KubeStash.Entities.Storage;
using KubeStash.Operator.Backup;
using KubeStash.Operator.Runtime.Client;
using KubeStash.Operator.Runtime.Controllers;
using KubeStash.Operator.Runtime.Rbac;
using KubeStash.Operator.Runtime.Watching;
using KubeStash.Storage;
using KubeStash.Storage.Crypto;
using KubeStash.Storage.Layout;

namespace KubeStash.Operator.Controllers;

/// <summary>
/// Seed step 7: claims the Repository's directory in its BackupStorage by writing <c>repository.yaml</c> (with the key
/// derivation parameters when <c>spec.encryptionSecret</c> is set), refuses a directory owned by another Repository,
/// and reports the Snapshots labelled with the repository in its status.
/// </summary>
[EntityRbac(typeof(Repository), Verbs = RbacVerbs.All)]
[GenericRbac(Groups = ["storage.kubestash.com"], Resources = ["repositories/status", "repositories/finalizers"], Verbs = RbacVerbs.Get | RbacVerbs.Update | RbacVerbs.Patch)]
public sealed class RepositoryController(
    IEntityClient client,
    CachedEntityReader reader,
    StatusWriter statusWriter,
    BackupStorageConnector connector,
    TimeProvider clock,
    ILogger<RepositoryController> logger) : IEntityController<Repository>
{
    public const string RepositoryInitialized = "RepositoryInitialized";

    /// <summary>How many snapshots <c>status.recentSnapshots</c> lists (KubeStash keeps the latest five).</summary>
    public const int RecentSnapshotCount = 5;

    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(2);

    public async Task<ReconcileResult> ReconcileAsync(Repository entity, CancellationToken cancellationToken)
    {
        var generation = entity.Metadata.Generation;
        if (!Conditions.IsTrue(entity.Status.Conditions, RepositoryInitialized))
        {
            var problem = await InitializeAsync(entity, cancellationToken);
            if (problem is not null)
            {
                await statusWriter.UpdateStatusAsync(entity, r =>
                {
                    r.Status.Phase = RepositoryPhase.NotReady;
                    r.Status.Conditions = Conditions.Set(r.Status.Conditions, RepositoryInitialized, false, problem.Value.Reason, problem.Value.Message, generation, clock);
                }, cancellationToken);
                return ReconcileResult.Success(RetryInterval);
            }
        }

        var snapshots = (await client.ListAsync<Snapshot>(entity.Metadata.NamespaceProperty, $"{KubeStashLabels.RepoName}={entity.Metadata.Name}", cancellationToken)).Items
            .Where(s => s.Spec.Repository == entity.Metadata.Name)
            .ToList();
        var succeeded = snapshots.Where(s => s.Status.Phase == SnapshotPhase.Succeeded).ToList();
        var recent = snapshots
            .OrderByDescending(s => s.Status.SnapshotTime ?? s.Metadata.CreationTimestamp ?? DateTime.MinValue)
            .ThenByDescending(s => s.Metadata.Name, StringComparer.Ordinal)
            .Take(RecentSnapshotCount)
            .Select(s => new SnapshotInfo { Name = s.Metadata.Name, Phase = s.Status.Phase, Session = s.Spec.Session, Size = s.Status.Size, SnapshotTime = s.Status.SnapshotTime })
            .ToList();
        var totalBytes = succeeded.Sum(s => SizeFormat.Parse(s.Status.Size) ?? 0);
        await statusWriter.UpdateStatusAsync(entity, r =>
        {
            r.Status.Phase = RepositoryPhase.Ready;
            r.Status.Conditions = Conditions.Set(
                r.Status.Conditions, RepositoryInitialized, true, "RepositoryInitialized", $"{StorageLayout.RepositoryFile} is in place in directory \"{StorageKeys.RepositoryDirectory(entity)}\"", generation, clock);
            r.Status.SnapshotCount = snapshots.Count;
            r.Status.Size = SizeFormat.Format(totalBytes);
            r.Status.Integrity = succeeded.Count == 0 ? null : succeeded.All(s => s.Status.Integrity == true);
            r.Status.LastBackupTime = succeeded.Select(s => s.Status.SnapshotTime).Where(t => t is not null).DefaultIfEmpty(null).Max();
            r.Status.RecentSnapshots = recent.Count == 0 ? null : recent;
        }, cancellationToken);
        return ReconcileResult.Success();
    }

    public Task DeletedAsync(Repository entity, CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task<(string Reason, string Message)?> InitializeAsync(Repository entity, CancellationToken cancellationToken)
    {
        var key = StorageKeys.Of(entity);
        if (entity.Spec.StorageRef is not { Name.Length: > 0 } storageRef)
        {
            return ("InvalidSpec", $"Repository {key}: spec.storageRef is required");
        }

        if (StorageKeys.RepositoryDirectory(entity).Length == 0)
        {
            return ("InvalidSpec", $"Repository {key}: spec.path is required");
        }

        var storageNamespace = string.IsNullOrEmpty(storageRef.Namespace) ? entity.Metadata.NamespaceProperty : storageRef.Namespace;
        // Shared with the cache, read only: the BackupStorage's status lists every Repository, so it is large at scale.
        var storage = await reader.GetSharedAsync<BackupStorage>(storageRef.Name, storageNamespace, cancellationToken);
        if (storage is null)
        {
            return ("BackupStorageNotFound", $"BackupStorage {storageNamespace}/{storageRef.Name} named by spec.storageRef does not exist");
        }

        if (storage.Status.Phase != BackupStoragePhase.Ready)
        {
            return ("BackupStorageNotReady", $"BackupStorage {storageNamespace}/{storageRef.Name} is not Ready yet");
        }

        var encrypted = false;
        string? encryptionSecret = null;
        if (entity.Spec.EncryptionSecret is { Name.Length: > 0 } secretRef)
        {
            var secretNamespace = string.IsNullOrEmpty(secretRef.Namespace) ? entity.Metadata.NamespaceProperty : secretRef.Namespace;
            encryptionSecret = $"{secretNamespace}/{secretRef.Name}";
            var secret = await client.GetAsync<V1Secret>(secretRef.Name, secretNamespace, cancellationToken);
            if (secret?.Data is null || !secret.Data.TryGetValue(KeyDerivation.PasswordSecretKey, out var bytes) || bytes.Length == 0)
            {
                return ("EncryptionSecretNotFound",
                    $"spec.encryptionSecret: Secret {secretNamespace}/{secretRef.Name} {(secret is null ? "does not exist" : $"has no {KeyDerivation.PasswordSecretKey}")}");
            }

            encrypted = true;
        }

        try
        {
            await using var store = await connector.OpenAsync(storage, cancellationToken);
            var layout = new StorageLayout(store);
            // A new encrypted directory gets a salt and no key: the operator never derives one (~0.1 s of CPU each, by
            // design, at a thousand repositories two minutes of it); the first backup Job records the key check value.
            // The Secret is still required here, so a missing password shows on the Repository before any backup.
            var encryption = !encrypted ? null : KeyDerivation.CreateUncheckedParameters();
            await layout.InitializeRepositoryAsync(
                new RepositoryIdentity
                {
                    Repository = key,
                    Uid = entity.Metadata.Uid,
                    BackupStorage = StorageKeys.Of(storage),
                    Path = StorageKeys.RepositoryDirectory(entity),
                    Encryption = encryption,
                    EncryptionSecret = encryptionSecret,
                    DeletionPolicy = entity.Spec.DeletionPolicy?.ToString(),
                },
                cancellationToken);
            return null;
        }
        catch (StorageConflictException e)
        {
            return ("DirectoryOwnedByAnotherRepository", e.Message);
        }
        catch (Exception e) when (e is StorageException or BackendSecretException or ArgumentException)
        {
            logger.LogWarning(e, "Repository {Repository} could not be initialised", key);
            return ("BackendUnavailable", e.Message);
        }
    }
}
