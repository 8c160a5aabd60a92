using System.Text.Json.Serialization;
using k8s.Models;
using KubeStash.Entities.Common;

namespace KubeStash.Entities.Addons;

/// <summary>
/// Template of the container that performs one task. <c>args</c> may use <c>${variable:=default}</c> placeholders that
/// KubeStash resolves from task parameters and built-in variables (namespace, backupSession, restoreSession, snapshot…).
/// </summary>
public sealed class FunctionSpec
{
    /// <summary>Container image, e.g. <c>ghcr.io/kubestash-dotnet/kubedump:v0.1.0</c>.</summary>
    [JsonPropertyName("image")]
    public string? Image { get; set; }

    /// <summary>Entrypoint of the container; the image's ENTRYPOINT when empty.</summary>
    [JsonPropertyName("command")]
    public IList<string>? Command { get; set; }

    /// <summary>Arguments to the entrypoint, with <c>${variable:=default}</c> placeholders.</summary>
    [JsonPropertyName("args")]
    public IList<string>? Args { get; set; }

    /// <summary>Working directory of the container; the runtime's default when empty.</summary>
    [JsonPropertyName("workingDir")]
    public string? WorkingDir { get; set; }

    /// <summary>Ports exposed by the container.</summary>
    [JsonPropertyName("ports")]
    public IList<V1ContainerPort>? Ports { get; set; }

    /// <summary>Volumes mounted into the container.</summary>
    [JsonPropertyName("volumeMounts")]
    public IList<V1VolumeMount>? VolumeMounts { get; set; }

    /// <summary>Block devices used by the container.</summary>
    [JsonPropertyName("volumeDevices")]
    public IList<V1VolumeDevice>? VolumeDevices { get; set; }

    /// <summary>Container-level runtime settings.</summary>
    [JsonPropertyName("runtimeSettings")]
    public ContainerRuntimeSettings? RuntimeSettings { get; set; }
}
