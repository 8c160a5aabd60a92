namespace KubeStash.Storage.Snapshots;

/// <summary>One stored part of a segmented object: its size and SHA-256 (hex).</summary>
public sealed record SegmentInfo
{
    public long Size { get; init; }

    public string Sha256 { get; init; } = string.Empty;
}
