using System.Text.Json.Serialization;
using k8s.Models;

namespace KubeStash.Entities.Core;

/// <summary>The Function whose container executes a hook in a Job.</summary>
public sealed class FunctionHookExecutorSpec
{
    /// <summary>Name of the Function.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>Environment variables passed to the executor container.</summary>
    [JsonPropertyName("env")]
    public IList<V1EnvVar>? Env { get; set; }

    /// <summary>Volume mounts of the executor container.</summary>
    [JsonPropertyName("volumeMounts")]
    public IList<V1VolumeMount>? VolumeMounts { get; set; }

    /// <summary>Volumes of the executor pod.</summary>
    [JsonPropertyName("volumes")]
    public IList<V1Volume>? Volumes { get; set; }
}
