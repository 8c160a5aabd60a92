namespace KubeStash.Storage;

/// <summary>An object in a store: its key relative to the storage prefix, size and modification time.</summary>
public sealed record ObjectInfo(string Key, long Size, DateTimeOffset? LastModified);
