using System.Text.Json.Serialization;

namespace KubeStash.Entities.Storage;

/// <summary>Backup progress of one component of a Snapshot.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ComponentPhase>))]
public enum ComponentPhase
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
