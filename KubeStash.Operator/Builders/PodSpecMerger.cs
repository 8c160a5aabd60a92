using k8s.Models;

namespace KubeStash.Operator.Builders;

/// <summary>
/// Lays KubeStash's <c>PodSpec</c> (a pod spec with the main container's settings folded in: args, env, resources,
/// containerSecurityContext, volumeMounts…) over a generated pod: set fields win, lists are appended.
/// </summary>
public static class PodSpecMerger
{
    public static void Apply(V1PodSpec pod, V1Container main, Entities.Common.PodSpec spec)
    {
        pod.Volumes = Append(pod.Volumes, spec.Volumes);
        pod.InitContainers = Append(pod.InitContainers, spec.InitContainers);
        pod.TerminationGracePeriodSeconds = spec.TerminationGracePeriodSeconds ?? pod.TerminationGracePeriodSeconds;
        pod.DnsPolicy = spec.DnsPolicy ?? pod.DnsPolicy;
        pod.NodeSelector = spec.NodeSelector ?? pod.NodeSelector;
        pod.ServiceAccountName = string.IsNullOrEmpty(spec.ServiceAccountName) ? pod.ServiceAccountName : spec.ServiceAccountName;
        pod.AutomountServiceAccountToken = spec.AutomountServiceAccountToken ?? pod.AutomountServiceAccountToken;
        pod.NodeName = spec.NodeName ?? pod.NodeName;
        pod.HostNetwork = spec.HostNetwork ?? pod.HostNetwork;
        pod.HostPID = spec.HostPid ?? pod.HostPID;
        pod.HostIPC = spec.HostIpc ?? pod.HostIPC;
        pod.ShareProcessNamespace = spec.ShareProcessNamespace ?? pod.ShareProcessNamespace;
        pod.SecurityContext = spec.SecurityContext ?? pod.SecurityContext;
        pod.ImagePullSecrets = Append(pod.ImagePullSecrets, spec.ImagePullSecrets);
        pod.Affinity = spec.Affinity ?? pod.Affinity;
        pod.SchedulerName = spec.SchedulerName ?? pod.SchedulerName;
        pod.Tolerations = Append(pod.Tolerations, spec.Tolerations);
        pod.PriorityClassName = spec.PriorityClassName ?? pod.PriorityClassName;
        pod.Priority = spec.Priority ?? pod.Priority;
        pod.DnsConfig = spec.DnsConfig ?? pod.DnsConfig;
        pod.ReadinessGates = Append(pod.ReadinessGates, spec.ReadinessGates);
        pod.RuntimeClassName = spec.RuntimeClassName ?? pod.RuntimeClassName;
        pod.EnableServiceLinks = spec.EnableServiceLinks ?? pod.EnableServiceLinks;
        pod.TopologySpreadConstraints = Append(pod.TopologySpreadConstraints, spec.TopologySpreadConstraints);

        main.Args = Append(main.Args, spec.Args);
        main.Env = Append(main.Env, spec.Env);
        main.Resources = spec.Resources ?? main.Resources;
        main.LivenessProbe = spec.LivenessProbe ?? main.LivenessProbe;
        main.ReadinessProbe = spec.ReadinessProbe ?? main.ReadinessProbe;
        main.Lifecycle = spec.Lifecycle ?? main.Lifecycle;
        main.SecurityContext = spec.ContainerSecurityContext ?? main.SecurityContext;
        main.VolumeMounts = Append(main.VolumeMounts, spec.VolumeMounts);
    }

    private static IList<T>? Append<T>(IList<T>? current, IList<T>? extra)
    {
        if (extra is null || extra.Count == 0)
        {
            return current;
        }

        return [.. current ?? [], .. extra];
    }
}
