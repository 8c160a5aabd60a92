using System.Text.Json.Serialization;
using k8s.Models;
using KubeStash.Entities.Common;

namespace KubeStash.Entities.Addons;

/// <summary>A backup or restore task an Addon can perform, carried out by a Function.</summary>
public sealed class AddonTask
{
    /// <summary>Name of the task, saying what it does, e.g. <c>manifest-backup</c>.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>Name of the Function whose container carries out the task.</summary>
    [JsonPropertyName("function")]
    public string? Function { get; set; }

    /// <summary>Tool used to upload or capture the data: Restic, WalG or VolumeSnapshotter.</summary>
    [JsonPropertyName("driver")]
    public Driver? Driver { get; set; }

    /// <summary>Kind of entity that executes the task: Job, Sidecar, EphemeralContainer or MultiLevelJob.</summary>
    [JsonPropertyName("executor")]
    public TaskExecutor? Executor { get; set; }

    /// <summary>Whether the task runs in a single executor rather than one per target component.</summary>
    [JsonPropertyName("singleton")]
    public bool? Singleton { get; set; }

    /// <summary>Parameters the task accepts.</summary>
    [JsonPropertyName("parameters")]
    public IList<ParameterDefinition>? Parameters { get; set; }

    /// <summary>Volumes the executor uses.</summary>
    [JsonPropertyName("volumeTemplate")]
    public IList<VolumeTemplate>? VolumeTemplate { get; set; }

    /// <summary>Where the volumes of <c>volumeTemplate</c> are mounted in the executor.</summary>
    [JsonPropertyName("volumeMounts")]
    public IList<V1VolumeMount>? VolumeMounts { get; set; }

    /// <summary>Mounts passed from a first-level Job to the Jobs it creates (MultiLevelJob executor).</summary>
    [JsonPropertyName("passThroughMounts")]
    public IList<V1VolumeMount>? PassThroughMounts { get; set; }
}
