using System.Text.Json.Serialization;

namespace KubeStash.Entities.Core;

/// <summary>Outcome of a hook execution.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<HookExecutionPhase>))]
public enum HookExecutionPhase
{
    /// <summary>The hook succeeded.</summary>
    Succeeded,

    /// <summary>The hook failed.</summary>
    Failed,

    /// <summary>The hook has not run yet.</summary>
    Pending,
}
