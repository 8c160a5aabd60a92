namespace KubeStash.Operator.Runtime.Watching;

/// <summary>How watches connect and reconnect.</summary>
public sealed record WatchOptions
{
    /// <summary>Server-side timeout of one watch request; each request adds up to the same again as jitter.</summary>
    public TimeSpan WatchTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>First reconnect delay after a failure that made no progress; doubles (with jitter) per failure.</summary>
    public TimeSpan ReconnectBaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan ReconnectMaxDelay { get; init; } = TimeSpan.FromSeconds(30);
}
