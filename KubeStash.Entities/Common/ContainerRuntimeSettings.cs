using System.Text.Json.Serialization;
using k8s.Models;

namespace KubeStash.Entities.Common;

/// <summary>Container-level settings of a Job that KubeStash runs (kmodules' <c>ofst.ContainerRuntimeSettings</c>).</summary>
public sealed class ContainerRuntimeSettings
{
    /// <summary>Compute resources of the container.</summary>
    [JsonPropertyName("resources")]
    public V1ResourceRequirements? Resources { get; set; }

    /// <summary>Periodic liveness probe of the container.</summary>
    [JsonPropertyName("livenessProbe")]
    public V1Probe? LivenessProbe { get; set; }

    /// <summary>Periodic readiness probe of the container.</summary>
    [JsonPropertyName("readinessProbe")]
    public V1Probe? ReadinessProbe { get; set; }

    /// <summary>Actions taken in response to the container's lifecycle events.</summary>
    [JsonPropertyName("lifecycle")]
    public V1Lifecycle? Lifecycle { get; set; }

    /// <summary>Security options of the container.</summary>
    [JsonPropertyName("securityContext")]
    public V1SecurityContext? SecurityContext { get; set; }

    /// <summary>CPU scheduling priority of the backup/restore process.</summary>
    [JsonPropertyName("nice")]
    public NiceSettings? Nice { get; set; }

    /// <summary>I/O scheduling class and priority of the backup/restore process.</summary>
    [JsonPropertyName("ionice")]
    public IONiceSettings? IONice { get; set; }

    /// <summary>Environment variables of the container.</summary>
    [JsonPropertyName("env")]
    public IList<V1EnvVar>? Env { get; set; }

    /// <summary>Secrets and ConfigMaps whose keys become environment variables of the container.</summary>
    [JsonPropertyName("envFrom")]
    public IList<V1EnvFromSource>? EnvFrom { get; set; }
}
