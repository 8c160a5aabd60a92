using System.Text.Json.Serialization;

namespace KubeStash.Entities.Core;

/// <summary>When a hook is executed.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<HookExecutionPolicy>))]
public enum HookExecutionPolicy
{
    /// <summary>Whatever the outcome of the backup/restore (the default).</summary>
    Always,

    /// <summary>Only if the backup/restore succeeded.</summary>
    OnSuccess,

    /// <summary>Only if the backup/restore failed.</summary>
    OnFailure,
}
