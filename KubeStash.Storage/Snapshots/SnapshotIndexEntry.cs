namespace KubeStash.Storage.Snapshots;

/// <summary>One file of a snapshot as its index records it: path inside the snapshot, size, SHA-256 (hex).</summary>
public sealed record SnapshotIndexEntry(string Path, long Size, string Sha256);
