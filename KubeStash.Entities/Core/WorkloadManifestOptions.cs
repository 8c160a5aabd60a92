using System.Text.Json.Serialization;

namespace KubeStash.Entities.Core;

/// <summary>Where restored workload manifests are applied.</summary>
public sealed class WorkloadManifestOptions
{
    /// <summary>Namespace where the restored manifests are applied.</summary>
    [JsonPropertyName("restoreNamespace")]
    public string? RestoreNamespace { get; set; }
}
