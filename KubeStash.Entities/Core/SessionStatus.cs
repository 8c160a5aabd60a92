using System.Text.Json.Serialization;
using KubeStash.Entities.Common;

namespace KubeStash.Entities.Core;

/// <summary>State of the resources of one session of a BackupConfiguration.</summary>
public sealed class SessionStatus
{
    /// <summary>Name of the session.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>When the next backup of this session runs.</summary>
    [JsonPropertyName("nextSchedule")]
    public string? NextSchedule { get; set; }

    /// <summary>Conditions of the session, e.g. SchedulerEnsured and InitialBackupTriggered.</summary>
    [JsonPropertyName("conditions")]
    public IList<Condition>? Conditions { get; set; }
}
