namespace KubeStash.Dumper.Output;

/// <summary>Where dumped manifests go. Called from one writer task at a time.</summary>
public interface IManifestSink
{
    /// <summary>Describes the destination for messages.</summary>
    string Description { get; }

    /// <summary>Writes one manifest. <paramref name="content"/> is reused once the returned task completes: copy what must outlive the call.</summary>
    Task WriteAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken);
}
