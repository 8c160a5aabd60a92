using System.Text.Json.Serialization;
using KubeStash.Entities.Common;

namespace KubeStash.Entities.Core;

/// <summary>What a hook does, which parameters it takes, and who executes it.</summary>
public sealed class HookTemplateSpec
{
    /// <summary>Which namespaces may use this HookTemplate; without it only its own namespace may.</summary>
    [JsonPropertyName("usagePolicy")]
    public UsagePolicy? UsagePolicy { get; set; }

    /// <summary>Parameters the hook accepts.</summary>
    [JsonPropertyName("params")]
    public IList<ParameterDefinition>? Params { get; set; }

    /// <summary>The operation the hook performs.</summary>
    [JsonPropertyName("action")]
    public HookAction? Action { get; set; }

    /// <summary>The entity that executes the hook.</summary>
    [JsonPropertyName("executor")]
    public HookExecutor? Executor { get; set; }
}
