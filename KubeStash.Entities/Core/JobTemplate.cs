using System.Text.Json.Serialization;
using KubeStash.Entities.Common;

namespace KubeStash.Entities.Core;

/// <summary>Template of the Job created by the backup-triggering CronJob.</summary>
public sealed class JobTemplate
{
    /// <summary>Maximum number of pods the Job runs at once.</summary>
    [JsonPropertyName("parallelism")]
    public int? Parallelism { get; set; }

    /// <summary>Number of successfully finished pods the Job needs.</summary>
    [JsonPropertyName("completions")]
    public int? Completions { get; set; }

    /// <summary>Seconds the Job may be active before it is terminated.</summary>
    [JsonPropertyName("activeDeadlineSeconds")]
    public long? ActiveDeadlineSeconds { get; set; }

    /// <summary>Number of retries before the Job is marked failed; Kubernetes defaults to 6.</summary>
    [JsonPropertyName("backoffLimit")]
    public int? BackoffLimit { get; set; }

    /// <summary>The pod the Job runs.</summary>
    [JsonPropertyName("template")]
    public PodTemplateSpec? Template { get; set; }

    /// <summary>Seconds after the Job finishes until it may be deleted automatically.</summary>
    [JsonPropertyName("ttlSecondsAfterFinished")]
    public int? TtlSecondsAfterFinished { get; set; }

    /// <summary>How pod completions are tracked: NonIndexed (the default) or Indexed.</summary>
    [JsonPropertyName("completionMode")]
    public CompletionMode? CompletionMode { get; set; }

    /// <summary>Whether the Job controller should hold off creating pods.</summary>
    [JsonPropertyName("suspend")]
    public bool? Suspend { get; set; }
}
