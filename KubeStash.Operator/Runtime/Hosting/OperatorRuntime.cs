using k8s;
using k8s.LeaderElection;
using k8s.LeaderElection.ResourceLock;
using KubeStash.Operator.Runtime.Metrics;

namespace KubeStash.Operator.Runtime.Hosting;

/// <summary>
/// Runs the operator's watches and reconcile workers — right away, or, with leader election, only while this instance
/// holds the Lease. Losing the lease stops the work and the application (the pod restarts and competes again); a
/// graceful stop drains in-flight reconciles within the shutdown timeout and hands the lease over at once.
/// </summary>
public sealed class OperatorRuntime(
    IEnumerable<IOperatorComponent> components,
    IKubernetes kubernetes,
    OperatorOptions options,
    OperatorMetrics metrics,
    IHostApplicationLifetime lifetime,
    ILogger<OperatorRuntime> logger) : IHostedService, IDisposable
{
    private readonly IOperatorComponent[] components = [.. components.Distinct().OrderBy(c => c.StartOrder)];
    private readonly SemaphoreSlim transitions = new(1, 1);
    private readonly CancellationTokenSource electionStop = new();
    private Task? election;
    private bool started;
    private bool stopped;
    private volatile bool leading;
    private volatile bool stopping;

    /// <summary>The identity this instance uses in the leader lease.</summary>
    public string Identity { get; } = options.LeaderElection.Identity ?? $"{Environment.MachineName}-{Guid.NewGuid():N}";

    /// <summary>True while this instance runs the watches and reconciles.</summary>
    public bool IsLeading => leading;

    public bool IsReady => !leading || components.All(c => c.IsReady);

    private string LeaseName => options.LeaderElection.LeaseName ?? $"{options.Name}-leader";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.LeaderElection.Enabled)
        {
            await StartComponentsAsync(cancellationToken);
            return;
        }

        var election = options.LeaderElection;
        var leaseLock = new LeaseLock(kubernetes, election.LeaseNamespace, LeaseName, Identity);
        var elector = new LeaderElector(new LeaderElectionConfig(leaseLock)
        {
            LeaseDuration = election.LeaseDuration,
            RenewDeadline = election.RenewDeadline,
            RetryPeriod = election.RetryPeriod,
        });
        elector.OnStartedLeading += () => _ = OnStartedLeadingAsync();
        elector.OnStoppedLeading += OnStoppedLeading;
        elector.OnNewLeader += leader => logger.LogInformation("Leader of {Lease} is now {Leader}", LeaseName, leader);
        elector.OnError += e => logger.LogWarning(e, "Leader election on {Lease} hit an error", LeaseName);
        this.election = Task.Run(() => elector.RunUntilLeadershipLostAsync(electionStop.Token), CancellationToken.None);
        logger.LogInformation("Waiting for leadership of lease {Namespace}/{Lease} as {Identity}", election.LeaseNamespace, LeaseName, Identity);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        stopping = true;
        await electionStop.CancelAsync();
        if (election is not null)
        {
            await election.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        var wasLeading = leading;
        await StopComponentsAsync();
        if (wasLeading && options.LeaderElection.Enabled)
        {
            await ReleaseLeaseAsync(cancellationToken);
        }
    }

    public void Dispose()
    {
        transitions.Dispose();
        electionStop.Dispose();
    }

    private async Task OnStartedLeadingAsync()
    {
        try
        {
            logger.LogInformation("Became leader of {Lease} as {Identity}", LeaseName, Identity);
            await StartComponentsAsync(CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogCritical(e, "Starting the operator after winning the election failed; stopping");
            lifetime.StopApplication();
        }
    }

    private void OnStoppedLeading()
    {
        if (stopping)
        {
            return;
        }

        // Another instance may already lead: reconciling on would be two writers. Stop now; the pod restarts.
        logger.LogError("Lost leadership of {Lease}; stopping the operator", LeaseName);
        _ = Task.Run(async () =>
        {
            await StopComponentsAsync();
            lifetime.StopApplication();
        });
    }

    private async Task StartComponentsAsync(CancellationToken cancellationToken)
    {
        await transitions.WaitAsync(cancellationToken);
        try
        {
            if (started || stopping)
            {
                return;
            }

            foreach (var component in components)
            {
                await component.StartAsync(cancellationToken);
            }

            started = true;
            leading = true;
            metrics.Leader.Set(1);
        }
        finally
        {
            transitions.Release();
        }
    }

    private async Task StopComponentsAsync()
    {
        await transitions.WaitAsync();
        try
        {
            if (!started || stopped)
            {
                return;
            }

            stopped = true;
            using var deadline = new CancellationTokenSource(options.ShutdownTimeout);
            foreach (var component in components.Reverse())
            {
                try
                {
                    await component.StopAsync(deadline.Token);
                }
                catch (Exception e)
                {
                    logger.LogError(e, "Stopping {Component} failed", component.GetType().Name);
                }
            }

            leading = false;
            metrics.Leader.Set(0);
        }
        finally
        {
            transitions.Release();
        }
    }

    private async Task ReleaseLeaseAsync(CancellationToken cancellationToken)
    {
        var election = options.LeaderElection;
        try
        {
            var lease = await kubernetes.CoordinationV1.ReadNamespacedLeaseAsync(LeaseName, election.LeaseNamespace, cancellationToken: cancellationToken);
            if (lease.Spec?.HolderIdentity != Identity)
            {
                return;
            }

            // An empty holder (not a missing one) tells waiting candidates the lease is free right now.
            lease.Spec.HolderIdentity = string.Empty;
            lease.Spec.LeaseDurationSeconds = 1;
            lease.Spec.RenewTime = DateTime.UtcNow;
            await kubernetes.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, LeaseName, election.LeaseNamespace, cancellationToken: cancellationToken);
            logger.LogInformation("Released lease {Lease}", LeaseName);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not release lease {Lease}; another instance takes over once it expires", LeaseName);
        }
    }
}
