using System.Net;
using k8s.Models;
using KubeStash.Entities.Common;
using KubeStash.Entities.Serialization;
using KubeStash.Entities.Storage;
using KubeStash.Operator.Builders;
using KubeStash.Operator.Runtime.Client;
using KubeStash.Storage;
using KubeStash.Storage.Layout;

namespace KubeStash.Operator.Backup;

/// <summary>
/// A BackupStorage pointed at existing backups (a new cluster, a rebuilt control plane) gets its Repository and Snapshot
/// objects back from the storage alone: each <c>repository.yaml</c> becomes a Repository where none of that name
/// exists, and each committed snapshot with its <c>snapshots/&lt;name&gt;.yaml</c> copy becomes a Snapshot carrying the
/// status it had. Objects already in the cluster are never changed, so a pass can be repeated safely.
/// </summary>
public sealed class RepositoryRediscovery(IEntityClient client, ILogger<RepositoryRediscovery> logger)
{
    // Copies written by a newer operator may carry fields this one does not know; they must not block a restore.
    private readonly EntitySerializer serializer = new(rejectUnknownFields: false);

    public async Task<RediscoveryResult> RediscoverAsync(BackupStorage storage, StorageLayout layout, IReadOnlyList<string> directories, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var repositoriesCreated = 0;
        var snapshotsCreated = 0;
        // A key like <repo>/snapshots/repository.yaml is a snapshot copy, not a repository of its own.
        var outermost = directories.Where(d => !directories.Any(outer => d.StartsWith(outer + "/", StringComparison.Ordinal))).Order(StringComparer.Ordinal).ToList();
        foreach (var directory in outermost)
        {
            RepositoryIdentity? identity;
            try
            {
                identity = await layout.ReadRepositoryAsync(directory, cancellationToken);
            }
            catch (StorageException e) when (e.Kind != StorageErrorKind.Transient)
            {
                problems.Add($"directory \"{directory}\": {e.Message}");
                continue;
            }

            if (identity is null || identity.Repository.Split('/') is not [{ Length: > 0 } ns, { Length: > 0 } name])
            {
                problems.Add($"directory \"{directory}\": {StorageLayout.RepositoryFile} names no namespace/name Repository");
                continue;
            }

            var repository = await client.GetAsync<Repository>(name, ns, cancellationToken);
            if (repository is null)
            {
                repository = await CreateRepositoryAsync(storage, identity, ns, name, directory, problems, cancellationToken);
                if (repository is null)
                {
                    continue;
                }

                repositoriesCreated++;
            }
            else if (!SameLocation(repository, storage, directory))
            {
                problems.Add($"Repository {ns}/{name} already exists and points at another storage or directory; directory \"{directory}\" was left alone");
                continue;
            }

            snapshotsCreated += await RecreateSnapshotsAsync(repository, layout, directory, problems, cancellationToken);
        }

        return new RediscoveryResult(outermost.Count, repositoriesCreated, snapshotsCreated, problems);
    }

    private static bool SameLocation(Repository repository, BackupStorage storage, string directory)
        => repository.Spec.StorageRef is { } reference
           && reference.Name == storage.Metadata.Name
           && (string.IsNullOrEmpty(reference.Namespace) ? repository.Metadata.NamespaceProperty : reference.Namespace) == storage.Metadata.NamespaceProperty
           && StorageKeys.RepositoryDirectory(repository) == directory;

    private async Task<Repository?> CreateRepositoryAsync(
        BackupStorage storage, RepositoryIdentity identity, string ns, string name, string directory, List<string> problems, CancellationToken cancellationToken)
    {
        var repository = new Repository
        {
            ApiVersion = "storage.kubestash.com/v1alpha1",
            Kind = "Repository",
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
            Spec = new RepositorySpec
            {
                StorageRef = new TypedObjectReference
                {
                    ApiGroup = "storage.kubestash.com",
                    Kind = "BackupStorage",
                    Namespace = storage.Metadata.NamespaceProperty,
                    Name = storage.Metadata.Name,
                },
                Path = "/" + directory,
                EncryptionSecret = identity.EncryptionSecret?.Split('/') is [{ Length: > 0 } secretNamespace, { Length: > 0 } secretName]
                    ? new ObjectReference { Namespace = secretNamespace, Name = secretName }
                    : null,
                DeletionPolicy = Enum.TryParse<DeletionPolicy>(identity.DeletionPolicy, out var policy) ? policy : DeletionPolicy.Delete,
            },
        };
        if (identity.Encryption is not null && repository.Spec.EncryptionSecret is null)
        {
            problems.Add($"Repository {ns}/{name} (directory \"{directory}\") is encrypted but its {StorageLayout.RepositoryFile} does not name the Secret; " +
                         "create the Repository yourself with spec.encryptionSecret");
            return null;
        }

        try
        {
            var created = await client.CreateAsync(repository, cancellationToken);
            logger.LogInformation("Recreated Repository {Namespace}/{Name} from directory {Directory} of BackupStorage {Storage}", ns, name, directory, StorageKeys.Of(storage));
            return created;
        }
        catch (KubernetesApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            problems.Add($"Repository {ns}/{name}: namespace \"{ns}\" does not exist (create it and the Repository comes back on the next check)");
            return null;
        }
        catch (KubernetesApiException e) when (e.StatusCode == HttpStatusCode.Conflict)
        {
            return await client.GetAsync<Repository>(name, ns, cancellationToken);
        }
    }

    private async Task<int> RecreateSnapshotsAsync(Repository repository, StorageLayout layout, string directory, List<string> problems, CancellationToken cancellationToken)
    {
        var ns = repository.Metadata.NamespaceProperty;
        var created = 0;
        await foreach (var name in layout.ListCommittedSnapshotsAsync(directory, cancellationToken))
        {
            if (await client.GetAsync<Snapshot>(name, ns, cancellationToken) is not null)
            {
                continue;
            }

            var yaml = await layout.ReadSnapshotManifestAsync(directory, name, cancellationToken);
            if (yaml is null)
            {
                problems.Add($"snapshot {name} in directory \"{directory}\" is committed but has no snapshots/{name}.yaml copy");
                continue;
            }

            Snapshot copy;
            try
            {
                copy = serializer.ParseSingle<Snapshot>(System.Text.Encoding.UTF8.GetString(yaml));
            }
            catch (ManifestException e)
            {
                problems.Add($"snapshots/{name}.yaml in directory \"{directory}\" is not a Snapshot: {e.Message}");
                continue;
            }

            copy.Spec.Repository = repository.Metadata.Name;
            var snapshot = new Snapshot
            {
                ApiVersion = "storage.kubestash.com/v1alpha1",
                Kind = "Snapshot",
                Metadata = new V1ObjectMeta
                {
                    Name = name,
                    NamespaceProperty = ns,
                    Labels = copy.Metadata.Labels,
                    Annotations = copy.Metadata.Annotations,
                    OwnerReferences = [Owner.Of(repository, "storage.kubestash.com/v1alpha1", "Repository")],
                },
                Spec = copy.Spec,
            };
            try
            {
                var live = await client.CreateAsync(snapshot, cancellationToken);
                live.Status = copy.Status;
                await client.ReplaceStatusAsync(live, cancellationToken);
                created++;
            }
            catch (KubernetesApiException e) when (e.StatusCode == HttpStatusCode.Conflict)
            {
                // Created meanwhile (by another pass or a backup of the same name): theirs stands.
            }
        }

        return created;
    }
}
