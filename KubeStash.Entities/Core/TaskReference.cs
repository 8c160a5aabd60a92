using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using k8s.Models;
using KubeStash.Entities.Schema;

namespace KubeStash.Entities.Core;

/// <summary>A task of an Addon to run, with its parameters.</summary>
public sealed class TaskReference
{
    /// <summary>Name of the task as declared in the Addon, e.g. <c>manifest-backup</c>.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>Variables and their sources used to resolve the task.</summary>
    [JsonPropertyName("variables")]
    public IList<V1EnvVar>? Variables { get; set; }

    /// <summary>Parameters of the task, in the structure the Addon's task declares (free-form).</summary>
    [PreserveUnknownFields]
    [JsonPropertyName("params")]
    public JsonObject? Params { get; set; }

    /// <summary>Volumes of the target application to mount in the backup/restore job.</summary>
    [JsonPropertyName("targetVolumes")]
    public TargetVolumeInfo? TargetVolumes { get; set; }

    /// <summary>Overrides of the volume sources declared in the Addon's volume templates, matched by name.</summary>
    [JsonPropertyName("addonVolumes")]
    public IList<AddonVolumeInfo>? AddonVolumes { get; set; }
}
