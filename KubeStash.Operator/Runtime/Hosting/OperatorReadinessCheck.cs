using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace KubeStash.Operator.Runtime.Hosting;

/// <summary>Ready once this instance either waits as a follower or leads with every watch cache filled.</summary>
public sealed class OperatorReadinessCheck(OperatorRuntime runtime) : IHealthCheck
{
    public const string Tag = "ready";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        => Task.FromResult(runtime.IsReady
            ? HealthCheckResult.Healthy(runtime.IsLeading ? "leading, caches synced" : "standing by")
            : HealthCheckResult.Unhealthy("watch caches are still loading"));
}
