namespace KubeStash.Storage;

/// <summary>How transient backend failures are retried: exponential backoff with jitter, and a per-attempt timeout.</summary>
public sealed record StorageResilienceOptions
{
    public int MaxRetryAttempts { get; init; } = 6;

    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>A single request (one put of a part, one get) that takes longer is abandoned and retried.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
