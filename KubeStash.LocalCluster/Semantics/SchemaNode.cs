using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using k8s;
using k8s.Models;

namespace KubeStash.LocalCluster.Semantics;

/// <summary>
/// One level of a CRD's structural schema, normalised from <see cref="V1JSONSchemaProps"/> (whose <c>items</c>,
/// <c>additionalProperties</c>, <c>default</c> and <c>enum</c> arrive as loosely typed objects) and with its pattern
/// compiled once.
/// </summary>
internal sealed class SchemaNode
{
    private static readonly TimeSpan PatternTimeout = TimeSpan.FromMilliseconds(250);

    private SchemaNode(V1JSONSchemaProps props)
    {
        Type = string.IsNullOrEmpty(props.Type) ? null : props.Type;
        Format = string.IsNullOrEmpty(props.Format) ? null : props.Format;
        Nullable = props.Nullable == true;
        PreserveUnknownFields = props.XKubernetesPreserveUnknownFields == true;
        EmbeddedResource = props.XKubernetesEmbeddedResource == true;
        IntOrString = props.XKubernetesIntOrString == true;
        ListType = props.XKubernetesListType;
        ListMapKeys = props.XKubernetesListMapKeys?.ToList() ?? [];
        Required = props.Required?.ToList() ?? [];
        Default = ToNode(props.DefaultProperty);
        Enum = props.EnumProperty?.Select(ToNode).ToList();
        Pattern = string.IsNullOrEmpty(props.Pattern) ? null : props.Pattern;
        PatternRegex = Pattern is null ? null : new Regex(Pattern, RegexOptions.CultureInvariant, PatternTimeout);
        Minimum = props.Minimum;
        Maximum = props.Maximum;
        ExclusiveMinimum = props.ExclusiveMinimum == true;
        ExclusiveMaximum = props.ExclusiveMaximum == true;
        MultipleOf = props.MultipleOf;
        MinLength = props.MinLength;
        MaxLength = props.MaxLength;
        MinItems = props.MinItems;
        MaxItems = props.MaxItems;
        UniqueItems = props.UniqueItems == true;
        MinProperties = props.MinProperties;
        MaxProperties = props.MaxProperties;
        Properties = props.Properties?.ToDictionary(p => p.Key, p => new SchemaNode(p.Value), StringComparer.Ordinal);
        Items = ToSchema(props.Items) is { } items ? new SchemaNode(items) : null;
        (AdditionalProperties, AdditionalPropertiesAllowed) = props.AdditionalProperties switch
        {
            null => ((SchemaNode?)null, true),
            bool allowed => (null, allowed),
            JsonElement { ValueKind: JsonValueKind.True } => (null, true),
            JsonElement { ValueKind: JsonValueKind.False } => (null, false),
            var other => (ToSchema(other) is { } additional ? new SchemaNode(additional) : null, true),
        };
        AllOf = props.AllOf?.Select(s => new SchemaNode(s)).ToList();
        AnyOf = props.AnyOf?.Select(s => new SchemaNode(s)).ToList();
        OneOf = props.OneOf?.Select(s => new SchemaNode(s)).ToList();
        Not = props.Not is null ? null : new SchemaNode(props.Not);
    }

    public string? Type { get; }

    public string? Format { get; }

    public bool Nullable { get; }

    public bool PreserveUnknownFields { get; }

    public bool EmbeddedResource { get; }

    public bool IntOrString { get; }

    public string? ListType { get; }

    public IReadOnlyList<string> ListMapKeys { get; }

    public IReadOnlyList<string> Required { get; }

    public JsonNode? Default { get; }

    public IReadOnlyList<JsonNode?>? Enum { get; }

    public string? Pattern { get; }

    public Regex? PatternRegex { get; }

    public double? Minimum { get; }

    public double? Maximum { get; }

    public bool ExclusiveMinimum { get; }

    public bool ExclusiveMaximum { get; }

    public double? MultipleOf { get; }

    public long? MinLength { get; }

    public long? MaxLength { get; }

    public long? MinItems { get; }

    public long? MaxItems { get; }

    public bool UniqueItems { get; }

    public long? MinProperties { get; }

    public long? MaxProperties { get; }

    public IReadOnlyDictionary<string, SchemaNode>? Properties { get; }

    public SchemaNode? Items { get; }

    public SchemaNode? AdditionalProperties { get; }

    public bool AdditionalPropertiesAllowed { get; }

    public IReadOnlyList<SchemaNode>? AllOf { get; }

    public IReadOnlyList<SchemaNode>? AnyOf { get; }

    public IReadOnlyList<SchemaNode>? OneOf { get; }

    public SchemaNode? Not { get; }

    public bool HasDefault => Default is not null;

    public static SchemaNode From(V1JSONSchemaProps props) => new(props);

    /// <summary>The schema of a member of an object validated by this node, or null when it is unknown.</summary>
    public SchemaNode? MemberSchema(string name) =>
        Properties is not null && Properties.TryGetValue(name, out var property) ? property : AdditionalProperties;

    private static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        JsonNode node => node.DeepClone(),
        JsonElement element => JsonNode.Parse(element.GetRawText()),
        _ => JsonNode.Parse(KubernetesJson.Serialize(value)),
    };

    private static V1JSONSchemaProps? ToSchema(object? value) => value switch
    {
        null => null,
        V1JSONSchemaProps props => props,
        JsonElement { ValueKind: JsonValueKind.Object } element => KubernetesJson.Deserialize<V1JSONSchemaProps>(element.GetRawText()),
        JsonElement { ValueKind: JsonValueKind.Array } element when element.GetArrayLength() > 0 =>
            KubernetesJson.Deserialize<V1JSONSchemaProps>(element[0].GetRawText()),
        IEnumerable<V1JSONSchemaProps> list => list.FirstOrDefault(),
        JsonObject node => KubernetesJson.Deserialize<V1JSONSchemaProps>(node.ToJsonString()),
        _ => KubernetesJson.Deserialize<V1JSONSchemaProps>(KubernetesJson.Serialize(value)),
    };
}
