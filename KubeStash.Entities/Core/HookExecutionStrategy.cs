using System.Text.Json.Serialization;

namespace KubeStash.Entities.Core;

/// <summary>What to do when several pods match a Pod-type hook executor.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<HookExecutionStrategy>))]
public enum HookExecutionStrategy
{
    /// <summary>Execute the hook in one of the pods (the default).</summary>
    ExecuteOnOne,

    /// <summary>Execute the hook in every selected pod.</summary>
    ExecuteOnAll,
}
