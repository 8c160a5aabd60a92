using System.Text.Json.Serialization;

namespace KubeStash.Entities.Addons;

/// <summary>The backup and restore tasks an Addon offers.</summary>
public sealed class AddonSpec
{
    /// <summary>Backup tasks the Addon can perform.</summary>
    [JsonPropertyName("backupTasks")]
    public IList<AddonTask>? BackupTasks { get; set; }

    /// <summary>Restore tasks the Addon can perform.</summary>
    [JsonPropertyName("restoreTasks")]
    public IList<AddonTask>? RestoreTasks { get; set; }
}
