namespace KubeStash.Storage.Snapshots;

/// <summary>Tuning of <see cref="SnapshotWriter"/>; the defaults keep memory around 40 MiB whatever the snapshot size.</summary>
public sealed record SnapshotWriterOptions
{
    /// <summary>Bytes per stored part (each part is one put, retried on its own).</summary>
    public int PartSize { get; init; } = 8 << 20;

    /// <summary>Parts uploaded at the same time while the next one is being filled.</summary>
    public int ParallelUploads { get; init; } = 2;

    /// <summary>zstd level (1 fastest … 19 smallest).</summary>
    public int CompressionLevel { get; init; } = 3;
}
