namespace KubeStash.Storage.Snapshots;

/// <summary>What a verified read went through: every entry was checked; <see cref="SelectedEntries"/> were delivered.</summary>
public sealed record SnapshotReadResult(long VerifiedEntries, long VerifiedBytes, long SelectedEntries, long SelectedBytes);
