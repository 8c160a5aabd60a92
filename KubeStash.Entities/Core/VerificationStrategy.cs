using System.Text.Json.Serialization;
using k8s.Models;
using KubeStash.Entities.Common;

namespace KubeStash.Entities.Core;

/// <summary>A way to verify backed-up data periodically by restoring it and checking the result.</summary>
public sealed class VerificationStrategy
{
    /// <summary>Name of the strategy, referred to from a repository's <c>verificationStrategy</c>.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>Where and how the data is restored for verification.</summary>
    [JsonPropertyName("restoreOption")]
    public RestoreOption? RestoreOption { get; set; }

    /// <summary>When verification runs, in Cron format.</summary>
    [JsonPropertyName("verifySchedule")]
    public string? VerifySchedule { get; set; }

    /// <summary>Name of the Function whose container performs the verification.</summary>
    [JsonPropertyName("function")]
    public string? Function { get; set; }

    /// <summary>Volumes mounted in the verification job.</summary>
    [JsonPropertyName("volumes")]
    public IList<V1Volume>? Volumes { get; set; }

    /// <summary>Mounts of the volumes listed in <c>volumes</c>.</summary>
    [JsonPropertyName("volumeMounts")]
    public IList<V1VolumeMount>? VolumeMounts { get; set; }

    /// <summary>Kind of verification: RestoreOnly, File, Query or Script.</summary>
    [JsonPropertyName("type")]
    public VerificationType? Type { get; set; }

    /// <summary>Files that must exist, for the File type.</summary>
    [JsonPropertyName("file")]
    public FileVerifierSpec? File { get; set; }

    /// <summary>Queries to run, for the Query type.</summary>
    [JsonPropertyName("query")]
    public QueryVerifierSpec? Query { get; set; }

    /// <summary>Script to run, for the Script type.</summary>
    [JsonPropertyName("script")]
    public ScriptVerifierSpec? Script { get; set; }

    /// <summary>How a failed verification is retried.</summary>
    [JsonPropertyName("retryConfig")]
    public RetryConfig? RetryConfig { get; set; }

    /// <summary>How many verification sessions and their resources are kept for debugging; 1 by default.</summary>
    [JsonPropertyName("sessionHistoryLimit")]
    public int? SessionHistoryLimit { get; set; }

    /// <summary>Runtime settings of the verification job.</summary>
    [JsonPropertyName("runtimeSettings")]
    public RuntimeSettings? RuntimeSettings { get; set; }
}
