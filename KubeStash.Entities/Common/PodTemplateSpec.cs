using System.Text.Json.Serialization;

namespace KubeStash.Entities.Common;

/// <summary>Describes the pod of a Job that KubeStash creates (kmodules' <c>ofst.PodTemplateSpec</c>).</summary>
public sealed class PodTemplateSpec
{
    /// <summary>Labels and annotations of the pod.</summary>
    [JsonPropertyName("metadata")]
    public TemplateMetadata? Metadata { get; set; }

    /// <summary>Labels and annotations of the workload controller (the Job) that owns the pod.</summary>
    [JsonPropertyName("controller")]
    public TemplateMetadata? Controller { get; set; }

    /// <summary>The desired behaviour of the pod and of its main container.</summary>
    [JsonPropertyName("spec")]
    public PodSpec? Spec { get; set; }
}
