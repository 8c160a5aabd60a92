using System.Text.Json.Serialization;

namespace KubeStash.Entities.Core;

/// <summary>Whether BackupConfigurations created from a BackupBlueprint are deleted with it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BlueprintDeletionPolicy>))]
public enum BlueprintDeletionPolicy
{
    /// <summary>Delete the BackupConfiguration when the BackupBlueprint is deleted.</summary>
    OnDelete,
}
