using System.Text.Json.Serialization;
using k8s.Models;

namespace KubeStash.Entities.Core;

/// <summary>The invoker and session a BackupSession runs for.</summary>
public sealed class BackupSessionSpec
{
    /// <summary>The object (apiGroup, kind, name) that invoked this backup, usually a BackupConfiguration.</summary>
    [JsonPropertyName("invoker")]
    public V1TypedLocalObjectReference? Invoker { get; set; }

    /// <summary>Name of the invoker's session that triggered this backup.</summary>
    [JsonPropertyName("session")]
    public string? Session { get; set; }

    /// <summary>Number of retries left; when non-zero a new BackupSession is created if this one fails.</summary>
    [JsonPropertyName("retryLeft")]
    public int? RetryLeft { get; set; }

    /// <summary>Maximum duration of this backup, as a Go duration (e.g. <c>30m</c>); the BackupSession fails when exceeded.</summary>
    [JsonPropertyName("backupTimeout")]
    public string? BackupTimeout { get; set; }
}
