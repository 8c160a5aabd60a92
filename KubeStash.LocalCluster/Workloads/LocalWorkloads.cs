using k8s;

namespace KubeStash.LocalCluster.Workloads;

/// <summary>
/// The workloads half of the local cluster: the local kubelet, the Job controller and the CronJob controller,
/// started and stopped together against one API server.
/// </summary>
public sealed class LocalWorkloads : IAsyncDisposable
{
    private readonly ILogger _logger;
    private bool _started;

    public LocalWorkloads(IKubernetes client, LocalWorkloadsOptions options)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        _logger = options.LoggerFactory.CreateLogger<LocalWorkloads>();
        Kubelet = new LocalKubelet(client, options);
        Jobs = new JobController(client, options);
        CronJobs = new CronJobController(client, options);
    }

    public LocalWorkloadsOptions Options { get; }

    public LocalKubelet Kubelet { get; }

    public JobController Jobs { get; }

    public CronJobController CronJobs { get; }

    /// <summary>What the pods' programs printed.</summary>
    public IPodLogStore Logs => Options.Logs;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_started)
        {
            throw new InvalidOperationException("the local workloads are already started");
        }

        _started = true;
        await Kubelet.StartAsync(cancellationToken);
        await Jobs.StartAsync(cancellationToken);
        await CronJobs.StartAsync(cancellationToken);
        _logger.LogInformation("Local workloads started (kubelet, Job controller, CronJob controller)");
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await CronJobs.StopAsync(cancellationToken);
        await Jobs.StopAsync(cancellationToken);
        await Kubelet.StopAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await CronJobs.DisposeAsync();
        await Jobs.DisposeAsync();
        await Kubelet.DisposeAsync();
    }
}
