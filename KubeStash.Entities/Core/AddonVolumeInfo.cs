using System.Text.Json.Serialization;
using KubeStash.Entities.Common;

namespace KubeStash.Entities.Core;

/// <summary>Overrides the source of a volume declared in an Addon's volume templates.</summary>
public sealed class AddonVolumeInfo
{
    /// <summary>Name of the Addon volume to override.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>The volume source, or a template of a volume claim, to use instead.</summary>
    [JsonPropertyName("source")]
    public VolumeSource? Source { get; set; }
}
