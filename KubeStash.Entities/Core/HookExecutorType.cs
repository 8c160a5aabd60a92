using System.Text.Json.Serialization;

namespace KubeStash.Entities.Core;

/// <summary>The kind of entity that executes a hook.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<HookExecutorType>))]
public enum HookExecutorType
{
    /// <summary>A Job built from a Function executes the hook.</summary>
    Function,

    /// <summary>Pods selected by a label selector execute the hook.</summary>
    Pod,

    /// <summary>The operator itself executes the hook.</summary>
    Operator,
}
