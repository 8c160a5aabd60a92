namespace KubeStash.LocalCluster.Workloads;

/// <summary>
/// What a mapped program receives when the local kubelet starts one container of a pod: the arguments after the
/// program's own base arguments, the container's resolved environment, and the per-pod places on this machine.
/// An in-process entry point must read these instead of the process-wide environment, which all pods share.
/// </summary>
public sealed record ProcessInvocation
{
    public required string PodNamespace { get; init; }

    public required string PodName { get; init; }

    public required string ContainerName { get; init; }

    public required string Image { get; init; }

    /// <summary>The container's <c>command[0]</c> after $(VAR) expansion, when the manifest overrides the entry point.</summary>
    public string? ContainerCommand { get; init; }

    /// <summary><c>command[1..]</c> followed by <c>args</c>, after $(VAR) expansion and mount path rewriting.</summary>
    public required IReadOnlyList<string> Arguments { get; init; }

    /// <summary>The container's environment (env, envFrom, KUBECONFIG, mount variables); not the host's.</summary>
    public required IReadOnlyDictionary<string, string> Environment { get; init; }

    public required string WorkingDirectory { get; init; }

    /// <summary>Kubeconfig of the pod's service account, also exported as KUBECONFIG.</summary>
    public required string KubeconfigPath { get; init; }

    /// <summary>Container mount path → directory on this machine that stands in for it.</summary>
    public required IReadOnlyDictionary<string, string> Mounts { get; init; }

    public required TextWriter StandardOutput { get; init; }

    public required TextWriter StandardError { get; init; }
}
