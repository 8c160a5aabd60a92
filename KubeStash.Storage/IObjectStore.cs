namespace KubeStash.Storage;

/// <summary>
/// One BackupStorage's object space. Keys are relative to the storage's prefix (or local sub-path) and use
/// <c>/</c> as separator. Implementations translate every failure into <see cref="StorageException"/> naming the
/// backend. Puts take whole, bounded buffers so that they can be retried; large content is written as a sequence
/// of such parts (see <c>SegmentedObjectWriter</c>), each retried on its own.
/// </summary>
public interface IObjectStore : IAsyncDisposable
{
    /// <summary>Provider and location, for messages: e.g. <c>s3 bucket "b" at https://host, prefix "p"</c>.</summary>
    string Description { get; }

    /// <summary>Verifies that the storage is reachable and usable (creating the bucket when allowed).</summary>
    Task EnsureReadyAsync(CancellationToken cancellationToken);

    /// <summary>Writes (or replaces) an object.</summary>
    Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken);

    /// <summary>Writes an object only when no object with that key exists; returns false when one does.</summary>
    Task<bool> PutIfAbsentAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken);

    /// <summary>Opens an object for streaming reading. Throws <see cref="StorageException"/> with <see cref="StorageErrorKind.NotFound"/> when absent.</summary>
    Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken);

    /// <summary>Reads a whole (small or bounded) object into memory.</summary>
    Task<byte[]> GetAsync(string key, CancellationToken cancellationToken);

    /// <summary>Size and time of an object, or null when it does not exist.</summary>
    Task<ObjectInfo?> StatAsync(string key, CancellationToken cancellationToken);

    /// <summary>All objects whose key starts with <paramref name="prefix"/>, fetched page by page, in key order.</summary>
    IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, CancellationToken cancellationToken);

    /// <summary>Deletes an object; deleting an absent object is not an error.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken);

    /// <summary>Deletes every object under <paramref name="prefix"/>; returns how many were deleted.</summary>
    Task<int> DeletePrefixAsync(string prefix, CancellationToken cancellationToken);
}
