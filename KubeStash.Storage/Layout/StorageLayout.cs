using System.Runtime.CompilerServices;
using KubeStash.Storage.Crypto;
using KubeStash.Storage.Snapshots;

namespace KubeStash.Storage.Layout;

/// <summary>
/// The layout of one BackupStorage's object space (keys relative to its prefix):
/// <code>
/// metadata.yaml                                   storage identity
/// &lt;repo dir&gt;/repository.yaml                      repository identity + encryption parameters
/// &lt;repo dir&gt;/key-check.yaml                       key check value, when repository.yaml was written without one
/// &lt;repo dir&gt;/snapshots/&lt;snapshot&gt;.yaml           copy of the Snapshot object
/// &lt;repo dir&gt;/data/&lt;snapshot&gt;/archive/NNNNNN       archive parts   (tar → zstd → [AES-256-GCM frames])
/// &lt;repo dir&gt;/data/&lt;snapshot&gt;/index/NNNNNN         index parts     (JSON lines → zstd → [frames])
/// &lt;repo dir&gt;/data/&lt;snapshot&gt;/commit.yaml          commit record, written last
/// </code>
/// </summary>
public sealed class StorageLayout(IObjectStore store)
{
    public const string MetadataKey = "metadata.yaml";
    public const string RepositoryFile = "repository.yaml";
    public const string KeyCheckFile = "key-check.yaml";

    public IObjectStore Store => store;

    public static string RepositoryKey(string repositoryDirectory) => Directory(repositoryDirectory) + RepositoryFile;

    public static string SnapshotManifestKey(string repositoryDirectory, string snapshot) => $"{Directory(repositoryDirectory)}snapshots/{Name(snapshot)}.yaml";

    /// <summary>
    /// The directory of a <c>repository.yaml</c> key as a storage listing yields keys, or null for any other key. A
    /// snapshot copy named <c>repository</c> also matches (<c>&lt;repo&gt;/snapshots/repository.yaml</c>): callers drop
    /// directories nested inside another repository directory.
    /// </summary>
    public static string? RepositoryDirectoryOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var suffix = "/" + RepositoryFile;
        if (!key.EndsWith(suffix, StringComparison.Ordinal))
        {
            return null;
        }

        var directory = key[..^suffix.Length];
        return directory.Split('/').Any(segment => segment is "" or "." or "..") ? null : directory;
    }

    /// <summary>Where a snapshot's data lives; pass it to <see cref="SnapshotWriter"/> and <see cref="SnapshotReader"/>.</summary>
    public static string SnapshotDataPrefix(string repositoryDirectory, string snapshot) => $"{Directory(repositoryDirectory)}data/{Name(snapshot)}";

    /// <summary>
    /// Claims the storage for <paramref name="identity"/>: writes <c>metadata.yaml</c> when absent, accepts it when it
    /// already names the same BackupStorage, and refuses with <see cref="StorageConflictException"/> naming both
    /// BackupStorages when another one owns the location. Returns the identity in force.
    /// </summary>
    public async Task<StorageIdentity> InitializeStorageAsync(StorageIdentity identity, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(identity.BackupStorage);
        await store.EnsureReadyAsync(cancellationToken);
        var mine = identity with { CreatedAt = identity.CreatedAt.Length > 0 ? identity.CreatedAt : SnapshotFormat.Now() };
        var existing = await ReadStorageIdentityAsync(cancellationToken);
        if (existing is null)
        {
            await store.PutIfAbsentAsync(MetadataKey, StorageYaml.Serialize(mine), cancellationToken);
            // Read back: on stores without conditional writes a concurrent claimant may have won.
            existing = await ReadStorageIdentityAsync(cancellationToken)
                ?? throw new StorageException(StorageErrorKind.Permanent, store.Description, $"\"{MetadataKey}\" vanished right after it was written");
        }

        if (existing.BackupStorage != mine.BackupStorage)
        {
            throw new StorageConflictException(
                $"BackupStorage {mine.BackupStorage} refused: {store.Description} already belongs to BackupStorage {existing.BackupStorage} " +
                $"(its {MetadataKey} was written {existing.CreatedAt}); two BackupStorages must not share a bucket and prefix — use another prefix");
        }

        return existing;
    }

    /// <summary>The storage identity, or null when the storage was never initialised.</summary>
    public async Task<StorageIdentity?> ReadStorageIdentityAsync(CancellationToken cancellationToken = default)
    {
        var yaml = await GetOrNullAsync(MetadataKey, cancellationToken);
        if (yaml is null)
        {
            return null;
        }

        var identity = ReadYaml<StorageIdentity>(yaml, MetadataKey);
        if (identity.Kind != StorageIdentity.CurrentKind || string.IsNullOrEmpty(identity.BackupStorage))
        {
            throw new StorageException(StorageErrorKind.Permanent, store.Description, $"\"{MetadataKey}\" is not a KubeStash storage identity (kind \"{identity.Kind}\")");
        }

        return identity;
    }

    /// <summary>
    /// Claims a repository directory: writes <c>repository.yaml</c> when absent and returns what is stored
    /// (an existing repository keeps its original encryption parameters). Another Repository owning the
    /// directory is refused with <see cref="StorageConflictException"/>.
    /// </summary>
    public async Task<RepositoryIdentity> InitializeRepositoryAsync(RepositoryIdentity identity, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(identity.Repository);
        var mine = identity with
        {
            Path = Directory(identity.Path).TrimEnd('/'),
            CreatedAt = identity.CreatedAt.Length > 0 ? identity.CreatedAt : SnapshotFormat.Now(),
        };
        var existing = await ReadRepositoryAsync(mine.Path, cancellationToken);
        if (existing is null)
        {
            await store.PutIfAbsentAsync(RepositoryKey(mine.Path), StorageYaml.Serialize(mine), cancellationToken);
            existing = await ReadRepositoryAsync(mine.Path, cancellationToken)
                ?? throw new StorageException(StorageErrorKind.Permanent, store.Description, $"\"{RepositoryKey(mine.Path)}\" vanished right after it was written");
        }

        if (existing.Repository != mine.Repository)
        {
            throw new StorageConflictException(
                $"Repository {mine.Repository} refused: directory \"{mine.Path}\" in {store.Description} already belongs to Repository {existing.Repository} " +
                $"(its {RepositoryFile} was written {existing.CreatedAt}); use another path");
        }

        if ((existing.Encryption is null) != (mine.Encryption is null))
        {
            throw new StorageConflictException(
                $"Repository {mine.Repository}: directory \"{mine.Path}\" in {store.Description} was initialised " +
                (existing.Encryption is null ? "without encryption; an encryptionSecret cannot be added later" : "with encryption; the encryptionSecret is required"));
        }

        return existing;
    }

    /// <summary>The repository identity at <paramref name="repositoryDirectory"/>, or null when there is none.</summary>
    public async Task<RepositoryIdentity?> ReadRepositoryAsync(string repositoryDirectory, CancellationToken cancellationToken = default)
    {
        var key = RepositoryKey(repositoryDirectory);
        var yaml = await GetOrNullAsync(key, cancellationToken);
        if (yaml is null)
        {
            return null;
        }

        var identity = ReadYaml<RepositoryIdentity>(yaml, key);
        if (identity.Kind != RepositoryIdentity.CurrentKind || string.IsNullOrEmpty(identity.Repository))
        {
            throw new StorageException(StorageErrorKind.Permanent, store.Description, $"\"{key}\" is not a KubeStash repository identity (kind \"{identity.Kind}\")");
        }

        return identity;
    }

    /// <summary>
    /// The key of an encrypted repository, checked against its key check value: the one in <c>repository.yaml</c>, or
    /// for a repository made without its password, the one in <c>key-check.yaml</c>. When there is none yet,
    /// <paramref name="recordKeyCheck"/> says whether this caller records it (a writer: the first backup fixes the
    /// password, as creating the repository with it would have); a reader gets the key unchecked, and the repository
    /// has no data it could misread. A wrong password throws <c>WrongPasswordException</c> naming the repository.
    /// </summary>
    public async Task<RepositoryKey> OpenKeyAsync(RepositoryIdentity identity, string password, bool recordKeyCheck, CancellationToken cancellationToken = default)
    {
        var encryption = identity.Encryption
            ?? throw new InvalidOperationException($"repository {identity.Repository} in {store.Description} is not encrypted");
        if (encryption.KeyCheck.Length > 0)
        {
            return KeyDerivation.DeriveKey(password, encryption, identity.Repository);
        }

        var checkKey = Directory(identity.Path) + KeyCheckFile;
        var stored = await GetOrNullAsync(checkKey, cancellationToken);
        if (stored is null)
        {
            var key = KeyDerivation.DeriveUncheckedKey(password, encryption, identity.Repository, out var keyCheck);
            if (!recordKeyCheck
                || await store.PutIfAbsentAsync(checkKey, StorageYaml.Serialize(new RepositoryKeyCheck { KeyCheck = keyCheck, CreatedAt = SnapshotFormat.Now() }), cancellationToken))
            {
                return key;
            }

            // Another writer recorded it first: its password is the repository's.
            key.Dispose();
            stored = await GetOrNullAsync(checkKey, cancellationToken)
                ?? throw new StorageException(StorageErrorKind.Permanent, store.Description, $"\"{checkKey}\" vanished right after another writer created it");
        }

        var record = ReadYaml<RepositoryKeyCheck>(stored, checkKey);
        if (record.Kind != RepositoryKeyCheck.CurrentKind || record.KeyCheck.Length == 0)
        {
            throw new StorageException(StorageErrorKind.Permanent, store.Description, $"\"{checkKey}\" is not a KubeStash key check record (kind \"{record.Kind}\")");
        }

        return KeyDerivation.DeriveKey(password, encryption with { KeyCheck = record.KeyCheck }, identity.Repository);
    }

    /// <summary>Stores the copy of a Snapshot object (its YAML) so the repository can be rediscovered from storage alone.</summary>
    public Task WriteSnapshotManifestAsync(string repositoryDirectory, string snapshot, ReadOnlyMemory<byte> yaml, CancellationToken cancellationToken = default) =>
        store.PutAsync(SnapshotManifestKey(repositoryDirectory, snapshot), yaml, cancellationToken);

    /// <summary>The stored copy of a Snapshot object, or null.</summary>
    public Task<byte[]?> ReadSnapshotManifestAsync(string repositoryDirectory, string snapshot, CancellationToken cancellationToken = default) =>
        GetOrNullAsync(SnapshotManifestKey(repositoryDirectory, snapshot), cancellationToken);

    /// <summary>Names of the snapshots whose commit record exists (uncommitted data is ignored), in name order.</summary>
    public async IAsyncEnumerable<string> ListCommittedSnapshotsAsync(string repositoryDirectory, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var dataPrefix = Directory(repositoryDirectory) + "data/";
        await foreach (var item in store.ListAsync(dataPrefix, cancellationToken))
        {
            var rest = item.Key[dataPrefix.Length..];
            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            if (slash > 0 && rest[(slash + 1)..] == "commit.yaml")
            {
                yield return rest[..slash];
            }
        }
    }

    /// <summary>Deletes a snapshot: the commit record first (so it stops existing for readers), then its data and manifest copy.</summary>
    public async Task DeleteSnapshotAsync(string repositoryDirectory, string snapshot, CancellationToken cancellationToken = default)
    {
        var data = SnapshotDataPrefix(repositoryDirectory, snapshot);
        await store.DeleteAsync(data + "/commit.yaml", cancellationToken);
        await store.DeletePrefixAsync(data + "/", cancellationToken);
        await store.DeleteAsync(SnapshotManifestKey(repositoryDirectory, snapshot), cancellationToken);
    }

    private T ReadYaml<T>(byte[] yaml, string key)
    {
        try
        {
            return StorageYaml.Deserialize<T>(yaml, $"\"{key}\"");
        }
        catch (InvalidDataException e)
        {
            throw new StorageException(StorageErrorKind.Permanent, store.Description, e.Message, e);
        }
    }

    private async Task<byte[]?> GetOrNullAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            return await store.GetAsync(key, cancellationToken);
        }
        catch (StorageException e) when (e.Kind == StorageErrorKind.NotFound)
        {
            return null;
        }
    }

    private static string Directory(string repositoryDirectory)
    {
        var trimmed = (repositoryDirectory ?? string.Empty).Trim().Trim('/');
        if (trimmed.Length == 0 || trimmed.Split('/').Any(segment => segment is "" or "." or ".."))
        {
            throw new ArgumentException($"repository directory \"{repositoryDirectory}\" must be a relative path without empty, '.' or '..' segments", nameof(repositoryDirectory));
        }

        return trimmed + "/";
    }

    private static string Name(string snapshot)
    {
        if (string.IsNullOrWhiteSpace(snapshot) || snapshot.Contains('/', StringComparison.Ordinal) || snapshot is "." or "..")
        {
            throw new ArgumentException($"snapshot name \"{snapshot}\" must be a single path segment", nameof(snapshot));
        }

        return snapshot;
    }
}
