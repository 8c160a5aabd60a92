namespace KubeStash.Storage.Snapshots;

/// <summary>
/// Tuning of <see cref="SnapshotWriter"/>. With the defaults the writer's buffers come to about 7 MiB whatever the snapshot
/// size (archive: (uploads + 1) parts; index: two 256 KiB parts), plus two 1 MiB frames when encrypted and ~4 MiB of zstd
/// state.
/// </summary>
public sealed record SnapshotWriterOptions
{
    /// <summary>
    /// Bytes per stored part (each part is one put, retried on its own). Below S3's 5 MiB multipart threshold so
    /// that each part is a single PUT the client sends from our buffer without staging a copy of its own.
    /// </summary>
    public int PartSize { get; init; } = 2 << 20;

    /// <summary>
    /// Parts uploaded at the same time while the next one is being filled; each holds one part buffer. Two keep a
    /// backup's producer (listing the cluster, compressing) fed on an S3 endpoint with tens of milliseconds per PUT; a
    /// third costs another part of memory and measured no faster in bench-storage.
    /// </summary>
    public int ParallelUploads { get; init; } = 2;

    /// <summary>zstd level (1 fastest … 19 smallest).</summary>
    public int CompressionLevel { get; init; } = 3;
}
