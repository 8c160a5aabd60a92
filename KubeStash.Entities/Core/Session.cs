using System.Text.Json.Serialization;
using KubeStash.Entities.Common;

namespace KubeStash.Entities.Core;

/// <summary>One backup session of a BackupConfiguration: when and how to take backups, and where to store them.</summary>
public sealed class Session
{
    /// <summary>Identifier of the session, unique within the BackupConfiguration.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>The CronJob that triggers this session's backups.</summary>
    [JsonPropertyName("scheduler")]
    public SchedulerSpec? Scheduler { get; set; }

    /// <summary>Hooks executed before and after each backup.</summary>
    [JsonPropertyName("hooks")]
    public BackupHooks? Hooks { get; set; }

    /// <summary>How a failed backup is retried.</summary>
    [JsonPropertyName("retryConfig")]
    public RetryConfig? RetryConfig { get; set; }

    /// <summary>Maximum duration of a backup, as a Go duration (e.g. <c>2h</c>); the BackupSession fails when exceeded. No limit by default.</summary>
    [JsonPropertyName("backupTimeout")]
    public string? BackupTimeout { get; set; }

    /// <summary>How many finished backup Jobs and their resources are kept for debugging; 1 by default.</summary>
    [JsonPropertyName("sessionHistoryLimit")]
    public int? SessionHistoryLimit { get; set; }

    /// <summary>The Addon, tasks and runtime configuration used to back up the target.</summary>
    [JsonPropertyName("addon")]
    public AddonInfo? Addon { get; set; }

    /// <summary>The Repositories where the backed-up data is stored; KubeStash creates them from this list.</summary>
    [JsonPropertyName("repositories")]
    public IList<RepositoryInfo>? Repositories { get; set; }
}
