using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using k8s.Models;
using KubeStash.Entities.Common;
using KubeStash.Entities.Schema;

namespace KubeStash.Entities.Core;

/// <summary>A hook executed before or after a backup/restore.</summary>
public sealed class HookInfo
{
    /// <summary>Name of the hook.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>The HookTemplate that executes the hook; it may be in another namespace that allows this one.</summary>
    [JsonPropertyName("hookTemplate")]
    public ObjectReference? HookTemplate { get; set; }

    /// <summary>Parameters of the hook, in the structure its HookTemplate declares (free-form).</summary>
    [PreserveUnknownFields]
    [JsonPropertyName("params")]
    public JsonObject? Params { get; set; }

    /// <summary>How many times a failed hook is retried; 0 (the default) means no retry.</summary>
    [Range(0, int.MaxValue)]
    [JsonPropertyName("maxRetry")]
    public int? MaxRetry { get; set; }

    /// <summary>How long to wait for the hook to finish before it counts as failed, as a Go duration (e.g. <c>30s</c>).</summary>
    [JsonPropertyName("timeout")]
    public string? Timeout { get; set; }

    /// <summary>When to execute the hook: Always (the default), OnSuccess or OnFailure.</summary>
    [JsonPropertyName("executionPolicy")]
    public HookExecutionPolicy? ExecutionPolicy { get; set; }

    /// <summary>Variables and their sources used to resolve the HookTemplate.</summary>
    [JsonPropertyName("variables")]
    public IList<V1EnvVar>? Variables { get; set; }

    /// <summary>Volumes of the target application to mount in a Function-type hook executor.</summary>
    [JsonPropertyName("volumes")]
    public IList<V1Volume>? Volumes { get; set; }

    /// <summary>Mounts of the volumes listed in <c>volumes</c>, for a Function-type hook executor.</summary>
    [JsonPropertyName("volumeMounts")]
    public IList<V1VolumeMount>? VolumeMounts { get; set; }

    /// <summary>Runtime settings of a Function-type hook executor Job.</summary>
    [JsonPropertyName("runtimeSettings")]
    public RuntimeSettings? RuntimeSettings { get; set; }
}
