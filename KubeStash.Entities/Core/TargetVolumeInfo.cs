using System.Text.Json.Serialization;
using k8s.Models;

namespace KubeStash.Entities.Core;

/// <summary>Volumes of the target application, and their mounts, to use in the backup/restore job.</summary>
public sealed class TargetVolumeInfo
{
    /// <summary>Volumes of the target application to mount in the job.</summary>
    [JsonPropertyName("volumes")]
    public IList<V1Volume>? Volumes { get; set; }

    /// <summary>Mounts of the volumes listed in <c>volumes</c>.</summary>
    [JsonPropertyName("volumeMounts")]
    public IList<V1VolumeMount>? VolumeMounts { get; set; }

    /// <summary>Templates of PersistentVolumeClaims created for each pod of a StatefulSet.</summary>
    [JsonPropertyName("volumeClaimTemplates")]
    public IList<V1PersistentVolumeClaimTemplate>? VolumeClaimTemplates { get; set; }
}
