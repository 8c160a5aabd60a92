using System.Text.Json.Serialization;

namespace KubeStash.Entities.Common;

/// <summary>Runtime settings of a Job that KubeStash runs, at pod and container level (kmodules' <c>ofst.RuntimeSettings</c>).</summary>
public sealed class RuntimeSettings
{
    /// <summary>Pod-level settings.</summary>
    [JsonPropertyName("pod")]
    public PodRuntimeSettings? Pod { get; set; }

    /// <summary>Container-level settings.</summary>
    [JsonPropertyName("container")]
    public ContainerRuntimeSettings? Container { get; set; }
}
