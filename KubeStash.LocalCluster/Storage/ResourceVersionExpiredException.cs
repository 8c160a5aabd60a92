namespace KubeStash.LocalCluster.Storage;

/// <summary>The requested resourceVersion is older than the retained history.</summary>
internal sealed class ResourceVersionExpiredException(long requested, long oldestAvailable)
    : Exception($"too old resource version: {requested} ({oldestAvailable})")
{
    public long Requested { get; } = requested;
    public long OldestAvailable { get; } = oldestAvailable;
}
