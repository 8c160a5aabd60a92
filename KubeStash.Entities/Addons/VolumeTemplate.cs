using System.Text.Json.Serialization;
using KubeStash.Entities.Common;

namespace KubeStash.Entities.Addons;

/// <summary>A volume a task's executor uses; overridable by name through a session's <c>addonVolumes</c>.</summary>
public sealed class VolumeTemplate
{
    /// <summary>Name of the volume.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>What the volume is used for.</summary>
    [JsonPropertyName("usage")]
    public string? Usage { get; set; }

    /// <summary>The volume source, or a template of a volume claim.</summary>
    [JsonPropertyName("source")]
    public VolumeSource? Source { get; set; }
}
