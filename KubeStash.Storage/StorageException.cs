namespace KubeStash.Storage;

/// <summary>
/// A failure of a storage backend. The message always names the backend (provider and
/// bucket/container/path) so the user can tell which storage failed.
/// </summary>
public class StorageException : Exception
{
    public StorageException()
        : this(StorageErrorKind.Permanent, "storage", "storage operation failed")
    {
    }

    public StorageException(string message)
        : this(StorageErrorKind.Permanent, "storage", message)
    {
    }

    public StorageException(string message, Exception innerException)
        : this(StorageErrorKind.Permanent, "storage", message, innerException)
    {
    }

    public StorageException(StorageErrorKind kind, string backend, string message, Exception? innerException = null)
        : base($"{backend}: {message}", innerException)
    {
        Kind = kind;
        Backend = backend;
    }

    public StorageErrorKind Kind { get; }

    /// <summary>The backend's description, e.g. <c>s3 bucket "backups" at http://127.0.0.1:7480, prefix "prod"</c>.</summary>
    public string Backend { get; }

    public bool IsTransient => Kind == StorageErrorKind.Transient;
}
