namespace KubeStash.Operator.Runtime.Queue;

/// <summary>Retry backoff of a <see cref="WorkQueue{TKey}"/>: base * 2^(failures-1), capped.</summary>
public sealed record WorkQueueOptions
{
    public TimeSpan BaseRetryDelay { get; init; } = TimeSpan.FromMilliseconds(50);

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromMinutes(5);
}
