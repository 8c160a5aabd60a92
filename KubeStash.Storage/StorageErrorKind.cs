namespace KubeStash.Storage;

/// <summary>Why a storage operation failed, as far as retrying and the user's remedy are concerned.</summary>
public enum StorageErrorKind
{
    /// <summary>Worth retrying: 5xx, throttling (429/SlowDown), timeouts, connection resets.</summary>
    Transient,
    /// <summary>The object or key does not exist.</summary>
    NotFound,
    /// <summary>Credentials are wrong or lack permission (401/403).</summary>
    AccessDenied,
    /// <summary>The bucket or container does not exist (and may not be created).</summary>
    NoSuchBucket,
    /// <summary>The storage spec or its Secret is incomplete or wrong.</summary>
    Configuration,
    /// <summary>The provider is recognised but not implemented here.</summary>
    NotSupported,
    /// <summary>Any other permanent failure reported by the backend.</summary>
    Permanent,
}
