using System.Text.Json.Serialization;

namespace KubeStash.Entities.Addons;

/// <summary>The kind of entity that executes a backup/restore task.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TaskExecutor>))]
public enum TaskExecutor
{
    /// <summary>A Job created by KubeStash.</summary>
    Job,

    /// <summary>A sidecar container injected into the workload.</summary>
    Sidecar,

    /// <summary>An ephemeral container added to the workload's pod.</summary>
    EphemeralContainer,

    /// <summary>A first-level Job that creates further Jobs.</summary>
    MultiLevelJob,
}
