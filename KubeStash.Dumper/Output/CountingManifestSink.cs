namespace KubeStash.Dumper.Output;

/// <summary>
/// Passes manifests on and counts them, so that another task can report how far a running dump has got. The counts
/// are written by the dump's one writer task and read from anywhere.
/// </summary>
public sealed class CountingManifestSink(IManifestSink inner) : IManifestSink
{
    private long manifests;
    private long bytes;

    public string Description => inner.Description;

    /// <summary>Manifests written so far.</summary>
    public long Manifests => Interlocked.Read(ref manifests);

    /// <summary>YAML bytes written so far.</summary>
    public long Bytes => Interlocked.Read(ref bytes);

    public async Task WriteAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        await inner.WriteAsync(path, content, cancellationToken);
        Interlocked.Increment(ref manifests);
        Interlocked.Add(ref bytes, content.Length);
    }
}
