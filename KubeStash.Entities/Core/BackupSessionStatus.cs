using System.Text.Json.Serialization;
using KubeStash.Entities.Common;

namespace KubeStash.Entities.Core;

/// <summary>Observed state and progress of a backup run.</summary>
public sealed class BackupSessionStatus
{
    /// <summary>Overall phase: Succeeded only if every Snapshot succeeded.</summary>
    [JsonPropertyName("phase")]
    public BackupSessionPhase? Phase { get; set; }

    /// <summary>Time taken by the backup, as a Go duration (e.g. <c>1m11s</c>).</summary>
    [JsonPropertyName("duration")]
    public string? Duration { get; set; }

    /// <summary>Deadline after which the backup counts as failed.</summary>
    [JsonPropertyName("backupDeadline")]
    public DateTime? BackupDeadline { get; set; }

    /// <summary>Number of Snapshots this session takes.</summary>
    [JsonPropertyName("totalSnapshots")]
    public int? TotalSnapshots { get; set; }

    /// <summary>State of each Snapshot taken by this session.</summary>
    [JsonPropertyName("snapshots")]
    public IList<SessionSnapshotStatus>? Snapshots { get; set; }

    /// <summary>Outcomes of the hooks.</summary>
    [JsonPropertyName("hooks")]
    public HookStatus? Hooks { get; set; }

    /// <summary>Whether the retention policies were applied to the Repositories.</summary>
    [JsonPropertyName("retentionPolicy")]
    public IList<RetentionPolicyApplyStatus>? RetentionPolicy { get; set; }

    /// <summary>Whether this session was retried after failing.</summary>
    [JsonPropertyName("retried")]
    public bool? Retried { get; set; }

    /// <summary>When a failed backup will be retried.</summary>
    [JsonPropertyName("nextRetry")]
    public DateTime? NextRetry { get; set; }

    /// <summary>Conditions of the backup steps, e.g. SnapshotsEnsured, BackupExecutorEnsured, MetricsPushed.</summary>
    [JsonPropertyName("conditions")]
    public IList<Condition>? Conditions { get; set; }
}
