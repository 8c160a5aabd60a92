using KubeStash.Entities.Storage;
using KubeStash.Storage;
using KubeStash.Storage.Crypto;

namespace KubeStash.Dumper.Job;

/// <summary>One Snapshot of the session with the backend and key its data goes to.</summary>
public sealed record SnapshotDestination(Snapshot Snapshot, Repository Repository, IObjectStore Store, RepositoryKey? Key, string RepositoryDirectory)
{
    public string Name => Snapshot.Metadata.Name;
}
