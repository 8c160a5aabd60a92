using System.Text.Json.Serialization;

namespace KubeStash.Entities.Core;

/// <summary>Overall state of a backup run.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BackupSessionPhase>))]
public enum BackupSessionPhase
{
    /// <summary>Not started yet.</summary>
    Pending,

    /// <summary>In progress.</summary>
    Running,

    /// <summary>Every Snapshot succeeded.</summary>
    Succeeded,

    /// <summary>Some Snapshot failed or the deadline passed.</summary>
    Failed,

    /// <summary>The run was skipped, e.g. because another one was running.</summary>
    Skipped,
}
