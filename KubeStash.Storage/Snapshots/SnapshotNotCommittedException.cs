namespace KubeStash.Storage.Snapshots;

/// <summary>The snapshot has no commit record: it never completed (or was deleted), so it does not exist for readers.</summary>
public sealed class SnapshotNotCommittedException : Exception
{
    public SnapshotNotCommittedException()
    {
    }

    public SnapshotNotCommittedException(string message)
        : base(message)
    {
    }

    public SnapshotNotCommittedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
