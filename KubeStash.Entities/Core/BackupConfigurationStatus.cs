using System.Text.Json.Serialization;
using KubeStash.Entities.Common;

namespace KubeStash.Entities.Core;

/// <summary>Observed state of a BackupConfiguration.</summary>
public sealed class BackupConfigurationStatus
{
    /// <summary>Overall state: Ready, NotReady or Invalid.</summary>
    [JsonPropertyName("phase")]
    public BackupInvokerPhase? Phase { get; set; }

    /// <summary>Whether the backup target exists.</summary>
    [JsonPropertyName("targetFound")]
    public bool? TargetFound { get; set; }

    /// <summary>Conditions of the BackupConfiguration, e.g. ValidationPassed.</summary>
    [JsonPropertyName("conditions")]
    public IList<Condition>? Conditions { get; set; }

    /// <summary>Whether each backend is ready.</summary>
    [JsonPropertyName("backends")]
    public IList<BackendStatus>? Backends { get; set; }

    /// <summary>Whether each Repository has been ensured.</summary>
    [JsonPropertyName("repositories")]
    public IList<RepoStatus>? Repositories { get; set; }

    /// <summary>Whether the objects this BackupConfiguration needs (Addons, HookTemplates…) exist.</summary>
    [JsonPropertyName("dependencies")]
    public IList<ResourceFoundStatus>? Dependencies { get; set; }

    /// <summary>State of each session's resources.</summary>
    [JsonPropertyName("sessions")]
    public IList<SessionStatus>? Sessions { get; set; }
}
