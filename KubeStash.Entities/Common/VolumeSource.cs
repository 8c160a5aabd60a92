using System.Text.Json.Serialization;
using k8s.Models;

namespace KubeStash.Entities.Common;

/// <summary>
/// The source of a volume mounted in a backup/restore executor (KubeStash's <c>apis.VolumeSource</c>): any Kubernetes
/// volume source, or a template for a PersistentVolumeClaim the executor creates.
/// </summary>
public sealed class VolumeSource : PodVolumeSource
{
    /// <summary>Template of a PersistentVolumeClaim to create and use as the volume.</summary>
    [JsonPropertyName("volumeClaimTemplate")]
    public V1PersistentVolumeClaimTemplate? VolumeClaimTemplate { get; set; }
}
