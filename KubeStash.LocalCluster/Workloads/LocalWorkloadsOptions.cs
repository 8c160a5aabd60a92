using Microsoft.Extensions.Logging.Abstractions;

namespace KubeStash.LocalCluster.Workloads;

/// <summary>Settings of the local kubelet, Job controller and CronJob controller.</summary>
public sealed class LocalWorkloadsOptions
{
    /// <summary>Which local program runs which container image; pods with unmapped images stay Pending.</summary>
    public ImageMap Images { get; init; } = new();

    /// <summary>How many pods may run their programs at once; the rest wait Pending.</summary>
    public int MaxParallelPods { get; init; } = Math.Max(2, Environment.ProcessorCount);

    /// <summary>
    /// The node this kubelet is. It runs pods bound to this node and pods bound to none (it is also the scheduler);
    /// pods bound to another node are left alone.
    /// </summary>
    public string NodeName { get; init; } = "local-node";

    /// <summary>Writes each pod's kubeconfig; required to run pods.</summary>
    public IServiceAccountKubeconfigProvider? Kubeconfigs { get; init; }

    /// <summary>Per-pod working, volume and kubeconfig directories are created under this directory.</summary>
    public string WorkRoot { get; init; } = Path.Combine(Path.GetTempPath(), "kubestash-localcluster-pods");

    public IPodLogStore Logs { get; init; } = new InMemoryPodLogStore();

    /// <summary>Child processes start from the host environment with the container's variables on top (PATH, HOME, DOTNET_ROOT stay usable).</summary>
    public bool InheritHostEnvironment { get; init; } = true;

    /// <summary>Base of the doubling delay before a failed Job pod is replaced or an OnFailure container restarted (kube: 10 s).</summary>
    public TimeSpan RetryBackoff { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often every controller lists everything again, healing any missed watch event.</summary>
    public TimeSpan ResyncPeriod { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a pod waiting for a missing Secret or ConfigMap waits before the kubelet looks again.</summary>
    public TimeSpan ConfigRetryInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The clock schedules, deadlines and TTLs are measured with.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;
}
