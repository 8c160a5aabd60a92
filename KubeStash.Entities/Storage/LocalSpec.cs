using System.Text.Json.Serialization;
using KubeStash.Entities.Common;

namespace KubeStash.Entities.Storage;

/// <summary>A Kubernetes volume used as storage; the volume source (hostPath, persistentVolumeClaim, nfs…) is inline.</summary>
public sealed class LocalSpec : PodVolumeSource
{
    /// <summary>Directory where the volume is mounted inside the jobs, e.g. <c>/safe/data</c>.</summary>
    [JsonPropertyName("mountPath")]
    public string? MountPath { get; set; }

    /// <summary>Path within the volume to use instead of its root.</summary>
    [JsonPropertyName("subPath")]
    public string? SubPath { get; set; }
}
