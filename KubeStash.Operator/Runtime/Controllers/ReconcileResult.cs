namespace KubeStash.Operator.Runtime.Controllers;

/// <summary>The outcome of a reconcile: whether it succeeded and when to look at the object again regardless of events.</summary>
public sealed record ReconcileResult
{
    private ReconcileResult(bool succeeded, string? error, TimeSpan? requeueAfter)
    {
        Succeeded = succeeded;
        Error = error;
        RequeueAfter = requeueAfter;
    }

    public bool Succeeded { get; }

    /// <summary>Why the reconcile failed; null on success.</summary>
    public string? Error { get; }

    /// <summary>
    /// When set, reconcile again after this delay. A failure without a delay is retried with exponential backoff.
    /// </summary>
    public TimeSpan? RequeueAfter { get; }

    public static ReconcileResult Success() => new(true, null, null);

    public static ReconcileResult Success(TimeSpan requeueAfter) => new(true, null, NotNegative(requeueAfter));

    public static ReconcileResult Failure(string error, TimeSpan? requeueAfter = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(error);
        return new(false, error, requeueAfter is { } delay ? NotNegative(delay) : null);
    }

    private static TimeSpan NotNegative(TimeSpan delay)
        => delay < TimeSpan.Zero ? throw new ArgumentOutOfRangeException(nameof(delay), delay, "A requeue delay cannot be negative.") : delay;
}
