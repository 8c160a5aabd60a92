using KubeStash.Operator.Runtime.LeaderElection;
using KubeStash.Operator.Runtime.Queue;
using KubeStash.Operator.Runtime.Watching;

namespace KubeStash.Operator.Runtime.Hosting;

/// <summary>Settings of one operator instance.</summary>
public sealed class OperatorOptions
{
    /// <summary>The operator's name: event source component, lease name prefix, metric-free identity. Lowercase DNS label.</summary>
    public string Name { get; set; } = "operator";

    /// <summary>Watch only this namespace; null watches the whole cluster.</summary>
    public string? Namespace { get; set; }

    /// <summary>Reconciles running at once per controller (one object is never reconciled twice at once).</summary>
    public int MaxConcurrentReconciles { get; set; } = 8;

    /// <summary>
    /// How long graceful shutdown waits for in-flight reconciles before cancelling them; keep it below the pod's
    /// terminationGracePeriodSeconds (10 s in config/manager).
    /// </summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(7);

    public WatchOptions Watch { get; set; } = new();

    public WorkQueueOptions Queue { get; set; } = new();

    public LeaderElectionOptions LeaderElection { get; set; } = new();

    /// <summary>Attempts of a status write when the object keeps changing underneath (409 Conflict).</summary>
    public int StatusConflictAttempts { get; set; } = 5;

    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            throw new ArgumentException("OperatorOptions.Name must be set (it names events and the leader lease).");
        }

        if (MaxConcurrentReconciles < 1)
        {
            throw new ArgumentException($"OperatorOptions.MaxConcurrentReconciles must be at least 1, not {MaxConcurrentReconciles}.");
        }

        if (StatusConflictAttempts < 1)
        {
            throw new ArgumentException($"OperatorOptions.StatusConflictAttempts must be at least 1, not {StatusConflictAttempts}.");
        }

        if (ShutdownTimeout < TimeSpan.Zero)
        {
            throw new ArgumentException("OperatorOptions.ShutdownTimeout cannot be negative.");
        }

        LeaderElection.Validate();
    }
}
