namespace KubeStash.Dumper.Output;

/// <summary>Writes each manifest to several sinks (one snapshot per backend of a session), from one dump.</summary>
public sealed class FanOutManifestSink(IReadOnlyList<IManifestSink> sinks) : IManifestSink
{
    public string Description => string.Join(", ", sinks.Select(s => s.Description));

    public async Task WriteAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        foreach (var sink in sinks)
        {
            await sink.WriteAsync(path, content, cancellationToken);
        }
    }
}
