using System.Collections.Frozen;
using System.Text.Json.Nodes;
using k8s.Models;

namespace KubeStash.LocalCluster.Semantics;

/// <summary>
/// A CRD version's structural schema, applied to incoming objects the way kube-apiserver does:
/// pruning of unknown fields (and of nulls in non-nullable fields without a default), then defaulting, then
/// validation. Defaults are pruned-consistent by CRD validation rules, so kube's order and the reverse give the same
/// object; this one follows kube's (prune on decode, default after).
/// </summary>
/// <remarks>
/// The root <c>apiVersion</c>, <c>kind</c> and <c>metadata</c> are left to the server: never pruned or defaulted
/// here, and of the metadata only <c>name</c>/<c>generateName</c> are checked against the schema. The compiled schema
/// (patterns included, with a match timeout) is built once per instance and reused; the constructor throws
/// <see cref="ArgumentException"/> for a pattern that cannot be compiled. <c>x-kubernetes-validations</c> (CEL rules)
/// are not evaluated.
/// </remarks>
public sealed class StructuralSchema(V1JSONSchemaProps schema)
{
    private static readonly FrozenSet<string> MetaFields = FrozenSet.ToFrozenSet(["apiVersion", "kind", "metadata"], StringComparer.Ordinal);

    private readonly SchemaNode root = SchemaNode.From(schema);

    public V1JSONSchemaProps Schema { get; } = schema;

    /// <summary>
    /// Prunes, defaults and validates <paramref name="obj"/> in place (metadata, apiVersion and kind excepted).
    /// <see cref="SchemaAdmissionResult.PrunedFields"/> holds each pruned path as kube prints it in its
    /// <c>unknown field "spec.foo"</c> warnings (members dotted, list items as <c>[i]</c>).
    /// </summary>
    public SchemaAdmissionResult Admit(JsonObject obj)
    {
        var pruned = new List<string>();
        PruneObject(obj, root, string.Empty, pruned, isRoot: true);
        PruneNonNullableNulls(obj, root, isRoot: true);
        ApplyDefaults(obj, root, isRoot: true);
        var errors = new List<FieldError>();
        SchemaValidator.ValidateRoot(root, obj, errors);
        return new SchemaAdmissionResult(pruned, errors);
    }

    private static string Child(string path, string key) => path.Length == 0 ? key : path + "." + key;

    private static void Prune(JsonNode? node, SchemaNode? schema, string path, List<string> pruned)
    {
        switch (node)
        {
            case JsonObject obj:
                PruneObject(obj, schema, path, pruned, isRoot: false);
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Prune(array[i], schema?.Items, $"{path}[{i}]", pruned);
                }

                break;
        }
    }

    private static void PruneObject(JsonObject obj, SchemaNode? schema, string path, List<string> pruned, bool isRoot)
    {
        foreach (var (key, value) in obj.ToList())
        {
            if (isRoot && MetaFields.Contains(key))
            {
                continue;
            }

            if (schema is { EmbeddedResource: true } && IsEmbeddedMetaField(key, value))
            {
                continue;
            }

            if (schema?.Properties is not null && schema.Properties.TryGetValue(key, out var property))
            {
                Prune(value, property, Child(path, key), pruned);
            }
            else if (schema?.AdditionalProperties is { } additional)
            {
                Prune(value, additional, Child(path, key), pruned);
            }
            else if (schema is { PreserveUnknownFields: true })
            {
                // x-kubernetes-preserve-unknown-fields keeps unknown members as they are.
            }
            else
            {
                obj.Remove(key);
                pruned.Add(Child(path, key));
            }
        }
    }

    private static bool IsEmbeddedMetaField(string key, JsonNode? value) => key switch
    {
        "apiVersion" or "kind" => value is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String,
        "metadata" => value is JsonObject,
        _ => false,
    };

    private static void PruneNonNullableNulls(JsonNode? node, SchemaNode? schema, bool isRoot = false)
    {
        if (schema is null)
        {
            return;
        }

        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj.ToList())
                {
                    if (isRoot && MetaFields.Contains(key))
                    {
                        continue;
                    }

                    var member = schema.Properties is not null && schema.Properties.TryGetValue(key, out var property) ? property : schema.AdditionalProperties;
                    if (member is null)
                    {
                        continue;
                    }

                    if (value is null && !member.Nullable && !member.HasDefault)
                    {
                        obj.Remove(key);
                    }
                    else
                    {
                        PruneNonNullableNulls(value, member);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    PruneNonNullableNulls(item, schema.Items);
                }

                break;
        }
    }

    private static void ApplyDefaults(JsonNode? node, SchemaNode? schema, bool isRoot = false)
    {
        if (schema is null)
        {
            return;
        }

        switch (node)
        {
            case JsonObject obj:
                if (schema.Properties is not null)
                {
                    foreach (var (key, property) in schema.Properties)
                    {
                        if (property.Default is null || (isRoot && MetaFields.Contains(key)))
                        {
                            continue;
                        }

                        if (!obj.TryGetPropertyValue(key, out var existing) || (existing is null && !property.Nullable))
                        {
                            obj[key] = property.Default.DeepClone();
                        }
                    }
                }

                foreach (var (key, value) in obj.ToList())
                {
                    if (isRoot && MetaFields.Contains(key))
                    {
                        continue;
                    }

                    ApplyDefaults(value, schema.MemberSchema(key));
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    ApplyDefaults(item, schema.Items);
                }

                break;
        }
    }
}
