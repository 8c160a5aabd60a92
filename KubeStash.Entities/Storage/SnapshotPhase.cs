using System.Text.Json.Serialization;

namespace KubeStash.Entities.Storage;

/// <summary>Overall progress of a Snapshot.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SnapshotPhase>))]
public enum SnapshotPhase
{
    /// <summary>Not started yet.</summary>
    Pending,

    /// <summary>In progress.</summary>
    Running,

    /// <summary>Completed successfully.</summary>
    Succeeded,

    /// <summary>Failed.</summary>
    Failed,
}
