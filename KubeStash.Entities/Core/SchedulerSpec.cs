using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace KubeStash.Entities.Core;

/// <summary>The CronJob that triggers a session's backups.</summary>
public sealed class SchedulerSpec
{
    /// <summary>The schedule in Cron format, e.g. <c>*/5 * * * *</c>.</summary>
    [Required]
    [JsonPropertyName("schedule")]
    public string Schedule { get; set; } = string.Empty;

    /// <summary>Deadline in seconds for starting a run that missed its scheduled time; missed runs count as failed.</summary>
    [JsonPropertyName("startingDeadlineSeconds")]
    public long? StartingDeadlineSeconds { get; set; }

    /// <summary>How concurrent runs are treated: Allow (the default), Forbid or Replace.</summary>
    [JsonPropertyName("concurrencyPolicy")]
    public ConcurrencyPolicy? ConcurrencyPolicy { get; set; }

    /// <summary>Whether subsequent runs are suspended; runs already started are not affected.</summary>
    [JsonPropertyName("suspend")]
    public bool? Suspend { get; set; }

    /// <summary>Template of the Job each run creates.</summary>
    [Required]
    [JsonPropertyName("jobTemplate")]
    public JobTemplate JobTemplate { get; set; } = new();

    /// <summary>Number of successful finished Jobs to keep; Kubernetes defaults to 3.</summary>
    [JsonPropertyName("successfulJobsHistoryLimit")]
    public int? SuccessfulJobsHistoryLimit { get; set; }

    /// <summary>Number of failed finished Jobs to keep; Kubernetes defaults to 1.</summary>
    [JsonPropertyName("failedJobsHistoryLimit")]
    public int? FailedJobsHistoryLimit { get; set; }
}
