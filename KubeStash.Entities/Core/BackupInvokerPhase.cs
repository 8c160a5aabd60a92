using System.Text.Json.Serialization;

namespace KubeStash.Entities.Core;

/// <summary>Overall state of a backup invoker such as a BackupConfiguration.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BackupInvokerPhase>))]
public enum BackupInvokerPhase
{
    /// <summary>Some dependency is not ready yet.</summary>
    NotReady,

    /// <summary>Backup is configured and scheduled.</summary>
    Ready,

    /// <summary>The configuration is invalid.</summary>
    Invalid,
}
