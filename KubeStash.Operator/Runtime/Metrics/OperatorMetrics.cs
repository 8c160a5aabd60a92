using Prometheus;

namespace KubeStash.Operator.Runtime.Metrics;

/// <summary>
/// The operator's Prometheus metrics, on a registry owned by this instance (never the process-wide default), so two
/// operators in one process keep separate figures.
/// </summary>
public sealed class OperatorMetrics
{
    public OperatorMetrics()
    {
        Registry = Prometheus.Metrics.NewCustomRegistry();
        var factory = Prometheus.Metrics.WithCustomRegistry(Registry);
        Reconciles = factory.CreateCounter(
            "operator_reconcile_total", "Reconciles by controller and result (success, requeue, failure, error).", "controller", "result");
        ReconcileDuration = factory.CreateHistogram(
            "operator_reconcile_duration_seconds",
            "Time spent in one reconcile, finalizer or deletion handler.",
            new HistogramConfiguration
            {
                LabelNames = ["controller"],
                Buckets = Histogram.ExponentialBuckets(0.001, 2, 16),
            });
        QueueDepth = factory.CreateGauge("operator_workqueue_depth", "Keys ready to be reconciled.", "controller");
        WatchRestarts = factory.CreateCounter(
            "operator_watch_restarts_total", "Watch connections re-established, by resource and reason (closed by the server, dropped, error, gone = 410 re-list).", "resource", "reason");
        WatchEvents = factory.CreateCounter("operator_watch_events_total", "Watch events applied to the cache.", "resource", "type");
        Leader = factory.CreateGauge("operator_leader", "1 while this instance holds the leader lease (or runs without election).");
    }

    public CollectorRegistry Registry { get; }

    public Counter Reconciles { get; }

    public Histogram ReconcileDuration { get; }

    public Gauge QueueDepth { get; }

    public Counter WatchRestarts { get; }

    public Counter WatchEvents { get; }

    public Gauge Leader { get; }
}
