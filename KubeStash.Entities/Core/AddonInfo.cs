using System.Text.Json.Serialization;
using KubeStash.Entities.Common;

namespace KubeStash.Entities.Core;

/// <summary>The Addon, tasks and runtime configuration used to back up or restore a target.</summary>
public sealed class AddonInfo
{
    /// <summary>Name of the Addon, e.g. <c>kubedump-addon</c>.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>The tasks to run and their parameters.</summary>
    [JsonPropertyName("tasks")]
    public IList<TaskReference>? Tasks { get; set; }

    /// <summary>Runtime settings of the backup/restore executor container.</summary>
    [JsonPropertyName("containerRuntimeSettings")]
    public ContainerRuntimeSettings? ContainerRuntimeSettings { get; set; }

    /// <summary>Runtime configuration of the backup/restore Job's pod.</summary>
    [JsonPropertyName("jobTemplate")]
    public PodTemplateSpec? JobTemplate { get; set; }
}
