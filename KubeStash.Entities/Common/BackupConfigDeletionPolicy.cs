using System.Text.Json.Serialization;

namespace KubeStash.Entities.Common;

/// <summary>What happens to a Repository created from a BackupConfiguration when the BackupConfiguration is deleted.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BackupConfigDeletionPolicy>))]
public enum BackupConfigDeletionPolicy
{
    /// <summary>Delete the Repository object but keep the backed-up data in the backend.</summary>
    Delete,

    /// <summary>Delete the Repository object and the backed-up data in the backend.</summary>
    WipeOut,

    /// <summary>Keep the Repository object and its data.</summary>
    Retain,
}
