using System.Text.Json.Serialization;
using k8s.Models;

namespace KubeStash.Entities.Core;

/// <summary>How the pods executing a hook are selected.</summary>
public sealed class PodHookExecutorSpec
{
    /// <summary>Label selector of the pods, comma separated, e.g. <c>app=my-app,env=prod</c>.</summary>
    [JsonPropertyName("selector")]
    public string? Selector { get; set; }

    /// <summary>Template of an owner reference the selected pods must have.</summary>
    [JsonPropertyName("owner")]
    public V1OwnerReference? Owner { get; set; }

    /// <summary>What to do when several pods match: ExecuteOnOne (the default) or ExecuteOnAll.</summary>
    [JsonPropertyName("strategy")]
    public HookExecutionStrategy? Strategy { get; set; }
}
