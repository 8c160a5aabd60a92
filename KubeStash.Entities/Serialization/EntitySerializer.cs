using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace KubeStash.Entities.Serialization;

/// <summary>
/// Reads YAML or JSON manifests (one or many documents, or a <c>List</c>) into entity objects chosen by
/// <c>apiVersion</c>/<c>kind</c>, and writes entities back as JSON or YAML. Errors name the object, the document and the
/// field path. Pure: no I/O.
/// </summary>
public sealed class EntitySerializer
{
    private static readonly string[] TopLevelOrder = ["apiVersion", "kind", "metadata", "spec", "status"];

    private readonly EntityTypeRegistry registry;

    /// <summary>Creates a serializer for the given kinds.</summary>
    /// <param name="registry">The kinds to accept; the KubeStash kinds when null.</param>
    /// <param name="rejectUnknownFields">
    /// When true (the default) a field the schema does not know is an error instead of being silently dropped, so a
    /// manifest is never read with a field lost.
    /// </param>
    public EntitySerializer(EntityTypeRegistry? registry = null, bool rejectUnknownFields = true)
    {
        this.registry = registry ?? EntityTypeRegistry.KubeStash;
        JsonOptions = CreateJsonOptions(rejectUnknownFields);
    }

    /// <summary>The System.Text.Json options used for entities: wire names from the attributes, nulls omitted, RFC 3339 times.</summary>
    public JsonSerializerOptions JsonOptions { get; }

    /// <summary>Builds the JSON options for Kubernetes-shaped objects.</summary>
    public static JsonSerializerOptions CreateJsonOptions(bool rejectUnknownFields)
    {
        var options = new JsonSerializerOptions
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            UnmappedMemberHandling = rejectUnknownFields ? JsonUnmappedMemberHandling.Disallow : JsonUnmappedMemberHandling.Skip,
        };
        options.Converters.Add(new KubernetesTimeConverter());
        options.Converters.Add(new QuantityConverter());
        options.Converters.Add(new IntOrStringConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>Reads every object of a YAML or JSON text; empty documents are skipped and <c>List</c> objects expanded.</summary>
    public IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var entities = new List<IKubernetesObject<V1ObjectMeta>>();
        foreach (var document in ReadDocuments(text.TrimStart('\uFEFF')))
        {
            if (document.Root is null)
            {
                continue;
            }

            if (document.Root is JsonObject list && IsList(list))
            {
                var items = list["items"] as JsonArray ?? [];
                for (var i = 0; i < items.Count; i++)
                {
                    entities.Add(FromJson(items[i], document.Number, $"$.items[{i}]", document.Positions));
                }

                continue;
            }

            entities.Add(FromJson(document.Root, document.Number, "$", document.Positions));
        }

        return entities;
    }

    /// <summary>Reads a text that must hold exactly one object of type <typeparamref name="T"/>.</summary>
    public T ParseSingle<T>(string text)
        where T : IKubernetesObject<V1ObjectMeta>
    {
        var entities = Parse(text);
        if (entities.Count != 1)
        {
            throw new ManifestException($"expected exactly one object, found {entities.Count}");
        }

        return entities[0] is T typed
            ? typed
            : throw new ManifestException($"{entities[0].Kind} \"{entities[0].Metadata?.Name}\" (document 1): expected a {typeof(T).Name}");
    }

    /// <summary>Converts one JSON object into the entity class its <c>apiVersion</c>/<c>kind</c> name.</summary>
    public IKubernetesObject<V1ObjectMeta> FromJson(JsonNode? json, int documentNumber = 1) =>
        FromJson(json, documentNumber, "$", new Dictionary<string, SourcePosition>());

    /// <summary>Writes an entity as a JSON object; an empty <c>status</c> is left out.</summary>
    public JsonObject ToJsonNode(IKubernetesObject<V1ObjectMeta> entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var serialized = JsonSerializer.SerializeToNode(entity, entity.GetType(), JsonOptions)!.AsObject();
        if (serialized["status"] is JsonObject { Count: 0 })
        {
            serialized.Remove("status");
        }

        // Conventional top-level order; System.Text.Json would put the derived class's status first.
        var ordered = new JsonObject();
        foreach (var name in TopLevelOrder.Where(serialized.ContainsKey).Concat(serialized.Select(p => p.Key).Where(k => !TopLevelOrder.Contains(k))).ToList())
        {
            var value = serialized[name];
            serialized.Remove(name);
            ordered[name] = value;
        }

        return ordered;
    }

    /// <summary>Writes an entity as JSON text.</summary>
    public string ToJson(IKubernetesObject<V1ObjectMeta> entity, bool indented = false) =>
        ToJsonNode(entity).ToJsonString(new JsonSerializerOptions { WriteIndented = indented });

    /// <summary>Writes an entity as a YAML document.</summary>
    public string ToYaml(IKubernetesObject<V1ObjectMeta> entity) => YamlJson.ToYaml(ToJsonNode(entity));

    /// <summary>Writes entities as a multi-document YAML stream.</summary>
    public string ToYaml(IEnumerable<IKubernetesObject<V1ObjectMeta>> entities) =>
        YamlJson.ToYaml(entities.Select(e => (JsonNode?)ToJsonNode(e)));

    private static IReadOnlyList<ParsedDocument> ReadDocuments(string text)
    {
        var trimmed = text.AsSpan().TrimStart();
        if (trimmed.Length > 0 && trimmed[0] is '{' or '[')
        {
            try
            {
                var root = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false });
                return root is JsonArray array
                    ? array.Select((item, i) => new ParsedDocument(i + 1, item, new Dictionary<string, SourcePosition>())).ToList()
                    : [new ParsedDocument(1, root, new Dictionary<string, SourcePosition>())];
            }
            catch (JsonException e)
            {
                var position = new SourcePosition((int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1);
                var reason = e.Message.Split(" LineNumber:", 2)[0].Trim();
                throw new ManifestException($"document 1: {position}: malformed JSON: {reason}", e) { DocumentNumber = 1, Position = position };
            }
        }

        return YamlJson.Parse(text);
    }

    private static bool IsList(JsonObject obj) =>
        obj["kind"] is JsonValue kind && kind.TryGetValue<string>(out var k) && k.EndsWith("List", StringComparison.Ordinal) &&
        obj["items"] is JsonArray;

    private IKubernetesObject<V1ObjectMeta> FromJson(
        JsonNode? json,
        int documentNumber,
        string basePath,
        IReadOnlyDictionary<string, SourcePosition> positions)
    {
        if (json is not JsonObject obj)
        {
            throw new ManifestException($"document {documentNumber}: expected a Kubernetes object (a mapping), got {JsonPathTypes.DescribeGiven(json)}")
            {
                DocumentNumber = documentNumber,
            };
        }

        var apiVersion = StringField(obj, "apiVersion");
        var kind = StringField(obj, "kind");
        var name = obj["metadata"] is JsonObject metadata ? StringField(metadata, "name") : null;
        var subject = $"{kind ?? "object"}{(name is null ? string.Empty : $" \"{name}\"")} (document {documentNumber})";
        if (apiVersion is null || kind is null)
        {
            throw new ManifestException($"{subject}: apiVersion and kind are required")
            {
                DocumentNumber = documentNumber,
                Kind = kind,
                ObjectName = name,
            };
        }

        if (!registry.TryResolve(apiVersion, kind, out var type))
        {
            throw new ManifestException(
                $"{subject}: unknown apiVersion/kind \"{apiVersion}\" {kind}; known: {string.Join(", ", registry.Describe())}")
            {
                DocumentNumber = documentNumber,
                Kind = kind,
                ObjectName = name,
            };
        }

        try
        {
            return (IKubernetesObject<V1ObjectMeta>)obj.Deserialize(type, JsonOptions)!;
        }
        catch (JsonException e)
        {
            throw Explain(e, obj, type, subject, documentNumber, kind, name, basePath, positions);
        }
        catch (Exception e) when (e is NotSupportedException or InvalidOperationException or FormatException or OverflowException)
        {
            // A model's own converter failed without a JSON path; name the object at least.
            throw new ManifestException($"{subject}: {e.Message}", e) { DocumentNumber = documentNumber, Kind = kind, ObjectName = name };
        }
    }

    private static ManifestException Explain(
        JsonException e,
        JsonObject obj,
        Type type,
        string subject,
        int documentNumber,
        string kind,
        string? name,
        string basePath,
        IReadOnlyDictionary<string, SourcePosition> positions)
    {
        var path = e.Path ?? "$";
        var segments = JsonPathTypes.Split(path);
        var fieldPath = JsonPathTypes.Display(segments);
        var expected = JsonPathTypes.ExpectedType(type, segments);
        var given = JsonPathTypes.ValueAt(obj, segments, out var found);
        var fullPath = basePath + path[1..];
        SourcePosition? position = positions.TryGetValue(fullPath, out var p) ? p : null;

        string reason;
        if (expected is null && found)
        {
            reason = "unknown field";
        }
        else if (expected is not null && found)
        {
            reason = $"expected {JsonPathTypes.DescribeExpected(expected)}, got {JsonPathTypes.DescribeGiven(given)}";
        }
        else
        {
            reason = e.Message;
        }

        var where = position is null ? string.Empty : $" ({position})";
        return new ManifestException($"{subject}: {(fieldPath.Length == 0 ? "(root)" : fieldPath)}: {reason}{where}", e)
        {
            DocumentNumber = documentNumber,
            Kind = kind,
            ObjectName = name,
            FieldPath = fieldPath,
            Position = position,
        };
    }

    private static string? StringField(JsonObject obj, string field) =>
        obj[field] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
