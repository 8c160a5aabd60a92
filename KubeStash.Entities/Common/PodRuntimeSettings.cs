using System.Text.Json.Serialization;
using k8s.Models;

namespace KubeStash.Entities.Common;

/// <summary>Pod-level settings of a Job that KubeStash runs (kmodules' <c>ofst.PodRuntimeSettings</c>).</summary>
public sealed class PodRuntimeSettings
{
    /// <summary>Labels attached to the pod.</summary>
    [JsonPropertyName("podLabels")]
    public IDictionary<string, string>? PodLabels { get; set; }

    /// <summary>Annotations attached to the pod.</summary>
    [JsonPropertyName("podAnnotations")]
    public IDictionary<string, string>? PodAnnotations { get; set; }

    /// <summary>Node labels that must match for the pod to be scheduled on a node.</summary>
    [JsonPropertyName("nodeSelector")]
    public IDictionary<string, string>? NodeSelector { get; set; }

    /// <summary>Name of the ServiceAccount the pod runs as.</summary>
    [JsonPropertyName("serviceAccountName")]
    public string? ServiceAccountName { get; set; }

    /// <summary>Annotations put on the ServiceAccount created for the pod.</summary>
    [JsonPropertyName("serviceAccountAnnotations")]
    public IDictionary<string, string>? ServiceAccountAnnotations { get; set; }

    /// <summary>Whether a service account token is mounted automatically.</summary>
    [JsonPropertyName("automountServiceAccountToken")]
    public bool? AutomountServiceAccountToken { get; set; }

    /// <summary>Requests scheduling onto this specific node.</summary>
    [JsonPropertyName("nodeName")]
    public string? NodeName { get; set; }

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

    /// <summary>Reference to a PlacementPolicy that decides where the pod runs.</summary>
    [JsonPropertyName("podPlacementPolicy")]
    public V1LocalObjectReference? PodPlacementPolicy { get; set; }
}
