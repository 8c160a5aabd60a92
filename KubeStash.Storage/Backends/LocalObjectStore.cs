using System.Runtime.CompilerServices;

namespace KubeStash.Storage.Backends;

/// <summary>
/// A directory as an object store (KubeStash's <c>local</c> provider: mountPath + subPath). Writes go to a
/// temporary file that is renamed into place, so readers never see half-written objects.
/// </summary>
internal sealed class LocalObjectStore : IObjectStore
{
    private const string TempMarker = ".kubestash-tmp-";
    private readonly string root;

    public LocalObjectStore(LocalStorageOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.MountPath))
        {
            throw new StorageException(StorageErrorKind.Configuration, "local storage", "spec.storage.local.mountPath is required");
        }

        var subPath = (options.SubPath ?? string.Empty).Trim('/');
        if (subPath.Split('/').Any(segment => segment == ".."))
        {
            throw new StorageException(StorageErrorKind.Configuration, "local storage", $"spec.storage.local.subPath \"{options.SubPath}\" must not contain '..'");
        }

        root = Path.GetFullPath(subPath.Length == 0 ? options.MountPath : Path.Combine(options.MountPath, subPath));
        Description = $"local directory \"{root}\"";
    }

    public string Description { get; }

    public Task EnsureReadyAsync(CancellationToken cancellationToken)
    {
        try
        {
            Directory.CreateDirectory(root);
            return Task.CompletedTask;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Translate(e, root);
        }
    }

    public async Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        var temp = await WriteTempAsync(path, content, cancellationToken);
        try
        {
            File.Move(temp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            throw Translate(e, key);
        }
    }

    public async Task<bool> PutIfAbsentAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        if (File.Exists(path))
        {
            return false;
        }

        var temp = await WriteTempAsync(path, content, cancellationToken);
        try
        {
            // Move without overwrite fails atomically when another writer got there first.
            File.Move(temp, path, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            TryDelete(temp);
            return false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            throw Translate(e, key);
        }
    }

    public Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        try
        {
            Stream stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1 << 16, useAsync: true);
            return Task.FromResult(stream);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Translate(e, key);
        }
    }

    public async Task<byte[]> GetAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllBytesAsync(PathOf(key), cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Translate(e, key);
        }
    }

    public Task<ObjectInfo?> StatAsync(string key, CancellationToken cancellationToken)
    {
        var file = new FileInfo(PathOf(key));
        return Task.FromResult(file.Exists ? new ObjectInfo(key, file.Length, file.LastWriteTimeUtc) : null);
    }

    public async IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        if (!Directory.Exists(root))
        {
            yield break;
        }

        // Walk only the directory the prefix points into, not the whole tree.
        var lastSlash = prefix.LastIndexOf('/');
        var startDirectory = lastSlash < 0 ? root : Path.Combine(root, prefix[..lastSlash]);
        if (!Directory.Exists(startDirectory))
        {
            yield break;
        }

        var keys = new List<(string Key, FileInfo File)>();
        foreach (var file in new DirectoryInfo(startDirectory).EnumerateFiles("*", SearchOption.AllDirectories))
        {
            if (file.Name.Contains(TempMarker, StringComparison.Ordinal))
            {
                continue;
            }

            var key = Path.GetRelativePath(root, file.FullName).Replace(Path.DirectorySeparatorChar, '/');
            if (key.StartsWith(prefix, StringComparison.Ordinal))
            {
                keys.Add((key, file));
            }
        }

        keys.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        foreach (var (key, file) in keys)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return new ObjectInfo(key, file.Length, file.LastWriteTimeUtc);
        }
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            File.Delete(PathOf(key));
            return Task.CompletedTask;
        }
        catch (DirectoryNotFoundException)
        {
            return Task.CompletedTask;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Translate(e, key);
        }
    }

    public async Task<int> DeletePrefixAsync(string prefix, CancellationToken cancellationToken)
    {
        var count = 0;
        await foreach (var item in ListAsync(prefix, cancellationToken))
        {
            await DeleteAsync(item.Key, cancellationToken);
            count++;
        }

        return count;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private string PathOf(string key) => Path.Combine(root, ObjectKeys.Validate(key, Description));

    private async Task<string> WriteTempAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var temp = path + TempMarker + Guid.NewGuid().ToString("N");
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await using var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
            await stream.WriteAsync(content, cancellationToken);
            return temp;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            throw Translate(e, Path.GetRelativePath(root, path));
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: a leftover temp file is skipped by listings and harmless.
        }
    }

    private StorageException Translate(Exception e, string key) => e switch
    {
        FileNotFoundException or DirectoryNotFoundException => new StorageException(StorageErrorKind.NotFound, Description, $"object \"{key}\" not found", e),
        UnauthorizedAccessException => new StorageException(StorageErrorKind.AccessDenied, Description, $"access to \"{key}\" denied: {e.Message}", e),
        _ => new StorageException(StorageErrorKind.Permanent, Description, $"I/O error on \"{key}\": {e.Message}", e),
    };
}
