using System.Text.Json.Serialization;
using KubeStash.Entities.Common;

namespace KubeStash.Entities.Core;

/// <summary>Observed state and progress of a restore.</summary>
public sealed class RestoreSessionStatus
{
    /// <summary>Current state of the restore.</summary>
    [JsonPropertyName("phase")]
    public RestorePhase? Phase { get; set; }

    /// <summary>Whether the restore target exists.</summary>
    [JsonPropertyName("targetFound")]
    public bool? TargetFound { get; set; }

    /// <summary>Time taken by the restore, as a Go duration.</summary>
    [JsonPropertyName("duration")]
    public string? Duration { get; set; }

    /// <summary>Deadline after which the restore counts as failed.</summary>
    [JsonPropertyName("restoreDeadline")]
    public DateTime? RestoreDeadline { get; set; }

    /// <summary>Number of components to restore.</summary>
    [JsonPropertyName("totalComponents")]
    public int? TotalComponents { get; set; }

    /// <summary>Restore state of each component, keyed by component name.</summary>
    [JsonPropertyName("components")]
    public IDictionary<string, ComponentRestoreStatus>? Components { get; set; }

    /// <summary>Outcomes of the hooks.</summary>
    [JsonPropertyName("hooks")]
    public HookStatus? Hooks { get; set; }

    /// <summary>Whether the objects this RestoreSession needs (Snapshot, Addon…) exist.</summary>
    [JsonPropertyName("dependencies")]
    public IList<ResourceFoundStatus>? Dependencies { get; set; }

    /// <summary>Backups paused while restoring.</summary>
    [JsonPropertyName("pausedBackups")]
    public IList<TypedObjectReference>? PausedBackups { get; set; }

    /// <summary>Conditions of the restore steps, e.g. ValidationPassed, RestoreExecutorEnsured, MetricsPushed.</summary>
    [JsonPropertyName("conditions")]
    public IList<Condition>? Conditions { get; set; }
}
