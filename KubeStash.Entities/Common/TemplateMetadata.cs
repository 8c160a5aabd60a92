using System.Text.Json.Serialization;

namespace KubeStash.Entities.Common;

/// <summary>Labels and annotations applied to objects created from a template (kmodules' <c>ofst.ObjectMeta</c>).</summary>
public sealed class TemplateMetadata
{
    /// <summary>Labels to put on the created object.</summary>
    [JsonPropertyName("labels")]
    public IDictionary<string, string>? Labels { get; set; }

    /// <summary>Annotations to put on the created object.</summary>
    [JsonPropertyName("annotations")]
    public IDictionary<string, string>? Annotations { get; set; }
}
