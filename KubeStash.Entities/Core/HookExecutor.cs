using System.Text.Json.Serialization;

namespace KubeStash.Entities.Core;

/// <summary>The entity that executes a hook.</summary>
public sealed class HookExecutor
{
    /// <summary>Kind of executor: Function, Pod or Operator.</summary>
    [JsonPropertyName("type")]
    public HookExecutorType? Type { get; set; }

    /// <summary>The Function executing the hook, for the Function type.</summary>
    [JsonPropertyName("function")]
    public FunctionHookExecutorSpec? Function { get; set; }

    /// <summary>How the executing pods are selected, for the Pod type.</summary>
    [JsonPropertyName("pod")]
    public PodHookExecutorSpec? Pod { get; set; }
}
