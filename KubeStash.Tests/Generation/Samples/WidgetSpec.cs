using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using k8s.Models;
using KubeStash.Entities.Schema;

namespace KubeStash.Tests.Generation.Samples;

/// <summary>Desired state of a <see cref="Widget"/>.</summary>
public sealed class WidgetSpec
{
    /// <summary>Display name, lower-case letters only. Written as <c>displayName</c>.</summary>
    [JsonPropertyName("displayName")]
    [Required]
    [RegularExpression("^[a-z]+$")]
    [MinLength(3)]
    [MaxLength(20)]
    public string DisplayName { get; set; } = string.Empty;

    /// <summary>How many copies to run.</summary>
    [JsonPropertyName("replicas")]
    [System.ComponentModel.DataAnnotations.Range(1, 10)]
    public int Replicas { get; set; }

    /// <summary>A large counter.</summary>
    [JsonPropertyName("counter")]
    public long Counter { get; set; }

    /// <summary>Optional ratio.</summary>
    [JsonPropertyName("ratio")]
    public double? Ratio { get; set; }

    /// <summary>Single-precision weight.</summary>
    [JsonPropertyName("weight")]
    public float Weight { get; set; }

    /// <summary>Whether the widget is on.</summary>
    [JsonPropertyName("enabled")]
    public bool Enabled { get; set; }

    /// <summary>Not valid before this instant.</summary>
    [JsonPropertyName("notBefore")]
    public DateTimeOffset? NotBefore { get; set; }

    /// <summary>When it was made.</summary>
    [JsonPropertyName("madeAt")]
    public DateTime MadeAt { get; set; }

    /// <summary>Raw key material.</summary>
    [JsonPropertyName("key")]
    public byte[]? Key { get; set; }

    /// <summary>Operating mode.</summary>
    [JsonPropertyName("mode")]
    public WidgetMode Mode { get; set; }

    /// <summary>Free labels.</summary>
    [JsonPropertyName("labels")]
    public IDictionary<string, string>? Labels { get; set; }

    /// <summary>Ports by name.</summary>
    [JsonPropertyName("portsByName")]
    public Dictionary<string, WidgetPort>? PortsByName { get; set; }

    /// <summary>Tags, one to five of them.</summary>
    [JsonPropertyName("tags")]
    [MinLength(1)]
    [MaxLength(5)]
    public IList<string>? Tags { get; set; }

    /// <summary>Exposed ports.</summary>
    [JsonPropertyName("ports")]
    public WidgetPort[]? Ports { get; set; }

    /// <summary>Some numbers.</summary>
    [JsonPropertyName("numbers")]
    public List<int>? Numbers { get; set; }

    /// <summary>A port number or name.</summary>
    [JsonPropertyName("target")]
    public IntOrString? Target { get; set; }

    /// <summary>Memory to reserve.</summary>
    [JsonPropertyName("memory")]
    public ResourceQuantity? Memory { get; set; }

    /// <summary>Limits per resource.</summary>
    [JsonPropertyName("limits")]
    public IDictionary<string, ResourceQuantity>? Limits { get; set; }

    /// <summary>Free-form parameters.</summary>
    [JsonPropertyName("params")]
    [PreserveUnknownFields]
    public JsonObject? Params { get; set; }

    /// <summary>Any JSON value.</summary>
    [JsonPropertyName("anything")]
    public JsonNode? Anything { get; set; }

    /// <summary>Pod template for the workers.</summary>
    [JsonPropertyName("template")]
    public V1PodTemplateSpec? Template { get; set; }

    /// <summary>Compute resources.</summary>
    [JsonPropertyName("resources")]
    public V1ResourceRequirements? Resources { get; set; }

    /// <summary>Container security settings.</summary>
    [JsonPropertyName("securityContext")]
    public V1SecurityContext? SecurityContext { get; set; }

    /// <summary>Tolerations of the workers.</summary>
    [JsonPropertyName("tolerations")]
    public IList<V1Toleration>? Tolerations { get; set; }

    /// <summary>Extra volumes.</summary>
    [JsonPropertyName("volumes")]
    public IList<V1Volume>? Volumes { get; set; }

    /// <summary>A tree of nodes; the type refers to itself.</summary>
    [JsonPropertyName("tree")]
    public WidgetNode? Tree { get; set; }

    /// <summary>Has no explicit JSON name.</summary>
    public string? CamelCased { get; set; }

    /// <summary>Never serialised.</summary>
    [JsonIgnore]
    public string? Ignored { get; set; }
}
