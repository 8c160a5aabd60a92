using System.Text.Json.Serialization;

namespace KubeStash.Entities.Core;

/// <summary>Template of the BackupConfiguration a BackupBlueprint creates; <c>${variable}</c> placeholders are filled from annotations.</summary>
public sealed class BackupConfigurationTemplate
{
    /// <summary>Namespace of the created BackupConfiguration; the BackupBlueprint's namespace when empty.</summary>
    [JsonPropertyName("namespace")]
    public string? Namespace { get; set; }

    /// <summary>Backends where the backed-up data is stored.</summary>
    [JsonPropertyName("backends")]
    public IList<BackendReference>? Backends { get; set; }

    /// <summary>Templates of the backup sessions.</summary>
    [JsonPropertyName("sessions")]
    public IList<Session>? Sessions { get; set; }

    /// <summary>Whether the created BackupConfiguration is deleted with the BackupBlueprint; kept when empty.</summary>
    [JsonPropertyName("deletionPolicy")]
    public BlueprintDeletionPolicy? DeletionPolicy { get; set; }
}
