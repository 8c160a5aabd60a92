namespace KubeStash.Dumper.Output;

/// <summary>Plain files under a directory, in the dump layout.</summary>
public sealed class DirectoryManifestSink(string directory) : IManifestSink
{
    private readonly string root = Path.GetFullPath(directory);

    public string Description => $"directory {root}";

    public async Task WriteAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var file = Path.Combine(root, path.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllBytesAsync(file, content, cancellationToken);
    }
}
