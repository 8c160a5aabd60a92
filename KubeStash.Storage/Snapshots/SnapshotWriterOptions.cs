namespace KubeStash.Storage.Snapshots;

/// <summary>Tuning of <see cref="SnapshotWriter"/>; the defaults keep the writer's buffers around 15 MiB whatever the snapshot size.</summary>
public sealed record SnapshotWriterOptions
{
    /// <summary>
    /// Bytes per stored part (each part is one put, retried on its own). Below S3's 5 MiB multipart threshold so
    /// that each part is a single PUT the client sends from our buffer without staging a copy of its own.
    /// </summary>
    public int PartSize { get; init; } = 2 << 20;

    /// <summary>Parts uploaded at the same time while the next one is being filled.</summary>
    public int ParallelUploads { get; init; } = 3;

    /// <summary>zstd level (1 fastest … 19 smallest).</summary>
    public int CompressionLevel { get; init; } = 3;
}
