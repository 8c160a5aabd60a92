using KubeStash.Storage.Snapshots;

namespace KubeStash.Dumper.Output;

/// <summary>Entries of a snapshot archive; committing is the caller's decision once the dump succeeded.</summary>
public sealed class SnapshotManifestSink(SnapshotWriter writer, string description) : IManifestSink
{
    public string Description => description;

    public Task WriteAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) =>
        writer.AddAsync(path, content, cancellationToken);
}
