using System.Text.Json.Serialization;
using k8s.Models;

namespace KubeStash.Entities.Common;

/// <summary>
/// The pod of a Job that KubeStash creates and of its main container (kmodules' <c>ofst.PodSpec</c>): pod-level settings
/// plus the container-level fields (<c>args</c>, <c>env</c>, <c>resources</c>, probes, <c>containerSecurityContext</c>, <c>volumeMounts</c>).
/// </summary>
public sealed class PodSpec
{
    /// <summary>Volumes that the containers of the pod can mount.</summary>
    [JsonPropertyName("volumes")]
    public IList<V1Volume>? Volumes { get; set; }

    /// <summary>Initialization containers run in order before the main container starts.</summary>
    [JsonPropertyName("initContainers")]
    public IList<V1Container>? InitContainers { get; set; }

    /// <summary>Seconds the pod may take to terminate gracefully.</summary>
    [JsonPropertyName("terminationGracePeriodSeconds")]
    public long? TerminationGracePeriodSeconds { get; set; }

    /// <summary>DNS policy of the pod: ClusterFirstWithHostNet, ClusterFirst, Default or None.</summary>
    [JsonPropertyName("dnsPolicy")]
    public string? DnsPolicy { get; set; }

    /// <summary>Node labels that must match for the pod to be scheduled on a node.</summary>
    [JsonPropertyName("nodeSelector")]
    public IDictionary<string, string>? NodeSelector { get; set; }

    /// <summary>Name of the ServiceAccount the pod runs as.</summary>
    [JsonPropertyName("serviceAccountName")]
    public string? ServiceAccountName { get; set; }

    /// <summary>Whether a service account token is mounted automatically.</summary>
    [JsonPropertyName("automountServiceAccountToken")]
    public bool? AutomountServiceAccountToken { get; set; }

    /// <summary>Requests scheduling onto this specific node.</summary>
    [JsonPropertyName("nodeName")]
    public string? NodeName { get; set; }

    /// <summary>Whether the pod uses the host's network namespace.</summary>
    [JsonPropertyName("hostNetwork")]
    public bool? HostNetwork { get; set; }

    /// <summary>Whether the pod uses the host's PID namespace.</summary>
    [JsonPropertyName("hostPID")]
    public bool? HostPid { get; set; }

    /// <summary>Whether the pod uses the host's IPC namespace.</summary>
    [JsonPropertyName("hostIPC")]
    public bool? HostIpc { get; set; }

    /// <summary>Whether all containers of the pod share one process namespace.</summary>
    [JsonPropertyName("shareProcessNamespace")]
    public bool? ShareProcessNamespace { get; set; }

    /// <summary>Pod-level security attributes and common container settings.</summary>
    [JsonPropertyName("securityContext")]
    public V1PodSecurityContext? SecurityContext { get; set; }

    /// <summary>Secrets in the pod's namespace used to pull images.</summary>
    [JsonPropertyName("imagePullSecrets")]
    public IList<V1LocalObjectReference>? ImagePullSecrets { get; set; }

    /// <summary>Scheduling constraints of the pod.</summary>
    [JsonPropertyName("affinity")]
    public V1Affinity? Affinity { get; set; }

    /// <summary>Scheduler that dispatches the pod; the default scheduler when empty.</summary>
    [JsonPropertyName("schedulerName")]
    public string? SchedulerName { get; set; }

    /// <summary>Taints the pod tolerates.</summary>
    [JsonPropertyName("tolerations")]
    public IList<V1Toleration>? Tolerations { get; set; }

    /// <summary>PriorityClass that gives the pod its priority.</summary>
    [JsonPropertyName("priorityClassName")]
    public string? PriorityClassName { get; set; }

    /// <summary>Priority value of the pod.</summary>
    [JsonPropertyName("priority")]
    public int? Priority { get; set; }

    /// <summary>DNS parameters merged into the configuration generated from the DNS policy.</summary>
    [JsonPropertyName("dnsConfig")]
    public V1PodDNSConfig? DnsConfig { get; set; }

    /// <summary>Extra conditions evaluated for pod readiness.</summary>
    [JsonPropertyName("readinessGates")]
    public IList<V1PodReadinessGate>? ReadinessGates { get; set; }

    /// <summary>RuntimeClass used to run the pod.</summary>
    [JsonPropertyName("runtimeClassName")]
    public string? RuntimeClassName { get; set; }

    /// <summary>Whether service information is injected into the environment as Docker-link variables.</summary>
    [JsonPropertyName("enableServiceLinks")]
    public bool? EnableServiceLinks { get; set; }

    /// <summary>How pods spread across topology domains.</summary>
    [JsonPropertyName("topologySpreadConstraints")]
    public IList<V1TopologySpreadConstraint>? TopologySpreadConstraints { get; set; }

    /// <summary>Arguments of the main container, replacing the image's CMD.</summary>
    [JsonPropertyName("args")]
    public IList<string>? Args { get; set; }

    /// <summary>Environment variables of the main container.</summary>
    [JsonPropertyName("env")]
    public IList<V1EnvVar>? Env { get; set; }

    /// <summary>Compute resources of the main container.</summary>
    [JsonPropertyName("resources")]
    public V1ResourceRequirements? Resources { get; set; }

    /// <summary>Periodic liveness probe of the main container.</summary>
    [JsonPropertyName("livenessProbe")]
    public V1Probe? LivenessProbe { get; set; }

    /// <summary>Periodic readiness probe of the main container.</summary>
    [JsonPropertyName("readinessProbe")]
    public V1Probe? ReadinessProbe { get; set; }

    /// <summary>Actions taken in response to the main container's lifecycle events.</summary>
    [JsonPropertyName("lifecycle")]
    public V1Lifecycle? Lifecycle { get; set; }

    /// <summary>Security options of the main container.</summary>
    [JsonPropertyName("containerSecurityContext")]
    public V1SecurityContext? ContainerSecurityContext { get; set; }

    /// <summary>Volumes mounted into the main container.</summary>
    [JsonPropertyName("volumeMounts")]
    public IList<V1VolumeMount>? VolumeMounts { get; set; }

    /// <summary>Reference to a PlacementPolicy that decides where the pod runs.</summary>
    [JsonPropertyName("podPlacementPolicy")]
    public V1LocalObjectReference? PodPlacementPolicy { get; set; }
}
