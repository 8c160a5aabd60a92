namespace KubeStash.Storage.Snapshots;

/// <summary>A snapshot's stored data does not match its commit record or index: corrupt, truncated or tampered.</summary>
public sealed class SnapshotIntegrityException : Exception
{
    public SnapshotIntegrityException()
    {
    }

    public SnapshotIntegrityException(string message)
        : base(message)
    {
    }

    public SnapshotIntegrityException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
