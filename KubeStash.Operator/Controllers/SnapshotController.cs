using System.Text;
using KubeStash.Entities.Serialization;
using KubeStash.Entities.Storage;
using KubeStash.Operator.Backup;
using KubeStash.Operator.Runtime.Client;
using KubeStash.Operator.Runtime.Controllers;
using KubeStash.Operator.Runtime.Rbac;
using KubeStash.Operator.Runtime.Watching;
using KubeStash.Storage;
using KubeStash.Storage.Layout;

namespace KubeStash.Operator.Controllers;

/// <summary>
/// Seed step 15 (operator side): derives a Snapshot's phase, time, size and integrity from the components the backup
/// Job reported, and once it is finished stores its copy as <c>snapshots/&lt;name&gt;.yaml</c> in the repository so the
/// repository can be rediscovered from storage alone.
/// </summary>
[GenericRbac(Groups = ["storage.kubestash.com"], Resources = ["snapshots/status", "snapshots/finalizers"], Verbs = RbacVerbs.Get | RbacVerbs.Update | RbacVerbs.Patch)]
public sealed class SnapshotController(
    CachedEntityReader reader,
    StatusWriter statusWriter,
    BackupStorageConnector connector,
    TimeProvider clock,
    ILogger<SnapshotController> logger) : IEntityController<Snapshot>
{
    public const string MetadataUploaded = "SnapshotMetadataUploaded";

    /// <summary>Components a backup writes; the manifest backup has one (<c>manifest</c>).</summary>
    public const int DefaultComponentCount = 1;

    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(2);

    public async Task<ReconcileResult> ReconcileAsync(Snapshot entity, CancellationToken cancellationToken)
    {
        var components = entity.Status.Components ?? new Dictionary<string, Component>();
        var total = entity.Status.TotalComponents ?? DefaultComponentCount;
        var phase = components.Values.Any(c => c.Phase == ComponentPhase.Failed) ? SnapshotPhase.Failed
            : components.Count >= total && components.Values.All(c => c.Phase == ComponentPhase.Succeeded) ? SnapshotPhase.Succeeded
            : components.Count > 0 ? SnapshotPhase.Running
            : SnapshotPhase.Pending;
        var finished = phase is SnapshotPhase.Succeeded or SnapshotPhase.Failed;
        var now = clock.GetUtcNow().UtcDateTime.TruncateToSeconds();
        var sizes = components.Values.Select(c => SizeFormat.Parse(c.Size)).ToList();
        entity = await statusWriter.UpdateStatusAsync(entity, s =>
        {
            s.Status.Phase = phase;
            s.Status.TotalComponents = total;
            if (finished)
            {
                s.Status.SnapshotTime ??= s.Status.LastUpdateTime ?? now;
                s.Status.Integrity = phase == SnapshotPhase.Succeeded && components.Values.All(c => c.Integrity != false);
                if (phase == SnapshotPhase.Succeeded && sizes.Count > 0 && sizes.All(v => v is not null))
                {
                    s.Status.Size = SizeFormat.Format(sizes.Sum(v => v!.Value));
                }
            }
        }, cancellationToken);

        if (!finished || Conditions.IsTrue(entity.Status.Conditions, MetadataUploaded))
        {
            return ReconcileResult.Success();
        }

        try
        {
            var (repository, storage) = await ResolveAsync(entity, cancellationToken);
            await using var store = await connector.OpenAsync(storage, cancellationToken);
            var yaml = new EntitySerializer().ToYaml(entity);
            await new StorageLayout(store).WriteSnapshotManifestAsync(StorageKeys.RepositoryDirectory(repository), entity.Metadata.Name, Encoding.UTF8.GetBytes(yaml), cancellationToken);
        }
        catch (Exception e) when (e is InvalidOperationException or StorageException or BackendSecretException or ArgumentException)
        {
            logger.LogWarning(e, "Snapshot {Namespace}/{Name}: metadata copy not uploaded", entity.Metadata.NamespaceProperty, entity.Metadata.Name);
            await statusWriter.UpdateStatusAsync(entity, s => s.Status.Conditions = Conditions.Set(s.Status.Conditions, MetadataUploaded, false, "UploadFailed", e.Message, s.Metadata.Generation, clock), cancellationToken);
            return ReconcileResult.Success(RetryInterval);
        }

        await statusWriter.UpdateStatusAsync(entity, s => s.Status.Conditions = Conditions.Set(
            s.Status.Conditions, MetadataUploaded, true, "MetadataUploaded", $"snapshots/{entity.Metadata.Name}.yaml written to the repository", s.Metadata.Generation, clock), cancellationToken);
        return ReconcileResult.Success();
    }

    public Task DeletedAsync(Snapshot entity, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The Snapshot's Repository and that Repository's BackupStorage.</summary>
    public async Task<(Repository Repository, BackupStorage Storage)> ResolveAsync(Snapshot snapshot, CancellationToken cancellationToken)
    {
        var ns = snapshot.Metadata.NamespaceProperty;
        // Both read only, shared with the cache (a BackupStorage's status lists every Repository: large at scale).
        var repository = await reader.GetSharedAsync<Repository>(snapshot.Spec.Repository ?? string.Empty, ns, cancellationToken)
            ?? throw new InvalidOperationException($"Repository {ns}/{snapshot.Spec.Repository} of Snapshot {snapshot.Metadata.Name} not found");
        var storageRef = repository.Spec.StorageRef ?? throw new InvalidOperationException($"Repository {ns}/{repository.Metadata.Name} has no spec.storageRef");
        var storageNs = string.IsNullOrEmpty(storageRef.Namespace) ? ns : storageRef.Namespace;
        var storage = await reader.GetSharedAsync<BackupStorage>(storageRef.Name, storageNs, cancellationToken)
            ?? throw new InvalidOperationException($"BackupStorage {storageNs}/{storageRef.Name} not found");
        return (repository, storage);
    }
}
