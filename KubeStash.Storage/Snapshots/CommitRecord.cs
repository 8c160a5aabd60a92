namespace KubeStash.Storage.Snapshots;

/// <summary>
/// <c>commit.yaml</c>, written last: a snapshot exists for readers only once this record does. It pins the
/// archive and index streams (sizes and SHA-256 of every part and of the whole), the totals, and carries a
/// checksum of its own content — an HMAC under the repository key when the snapshot is encrypted.
/// </summary>
public sealed record CommitRecord
{
    public const string CurrentKind = "KubeStashSnapshotCommit";

    public string Kind { get; init; } = CurrentKind;

    public int FormatVersion { get; init; } = 1;

    public string Snapshot { get; init; } = string.Empty;

    /// <summary>RFC 3339, UTC.</summary>
    public string CreatedAt { get; init; } = string.Empty;

    public string Compression { get; init; } = "zstd";

    /// <summary><c>none</c> or <c>AES-256-GCM</c>.</summary>
    public string Encryption { get; init; } = "none";

    public long Entries { get; init; }

    /// <summary>Sum of the entries' sizes (uncompressed).</summary>
    public long TotalBytes { get; init; }

    public SegmentedObjectInfo Archive { get; init; } = new();

    public SegmentedObjectInfo Index { get; init; } = new();

    /// <summary>"sha256:&lt;hex&gt;" or "hmac-sha256:&lt;hex&gt;" over this record with this field empty.</summary>
    public string Checksum { get; init; } = string.Empty;
}
