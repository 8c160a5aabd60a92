using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using KubeStash.LocalCluster.Semantics;

namespace KubeStash.LocalCluster.Api;

/// <summary>Turns a CustomResourceDefinition object into the resources it serves and the status kube gives it.</summary>
internal static class CustomResourceDefinitions
{
    public static JsonObject EstablishedStatus(JsonObject crd, DateTimeOffset now)
    {
        var time = ObjectJson.Timestamp(now);
        var names = crd["spec"]?["names"]?.DeepClone() ?? new JsonObject();
        var storage = (crd["spec"]?["versions"] as JsonArray)?
            .OfType<JsonObject>()
            .Where(v => v["storage"] is JsonValue s && s.GetValue<bool>())
            .Select(v => ObjectJson.String(v["name"]))
            .OfType<string>()
            .ToList() ?? [];
        return new JsonObject
        {
            ["acceptedNames"] = names,
            ["conditions"] = new JsonArray(
                Condition("NamesAccepted", "NoConflicts", "no conflicts found", time),
                Condition("Established", "InitialNamesAccepted", "the initial names have been accepted", time)),
            ["storedVersions"] = new JsonArray([.. storage.Select(s => (JsonNode)JsonValue.Create(s))]),
        };
    }

    /// <summary>The served versions of the CRD as resources; throws <see cref="FormatException"/> naming a malformed field.</summary>
    public static List<ApiResource> Resources(JsonObject crd)
    {
        var crdName = ObjectJson.Name(crd) ?? "";
        var spec = crd["spec"] as JsonObject ?? throw new FormatException("spec: Required value");
        var group = ObjectJson.String(spec["group"]) ?? throw new FormatException("spec.group: Required value");
        var names = spec["names"] as JsonObject ?? throw new FormatException("spec.names: Required value");
        var kind = ObjectJson.String(names["kind"]) ?? throw new FormatException("spec.names.kind: Required value");
        var plural = ObjectJson.String(names["plural"]) ?? throw new FormatException("spec.names.plural: Required value");
        var namespaced = ObjectJson.String(spec["scope"]) != "Cluster";
        var shortNames = StringList(names["shortNames"]);
        var categories = StringList(names["categories"]);
        var resources = new List<ApiResource>();
        foreach (var version in (spec["versions"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (version["served"] is JsonValue served && !served.GetValue<bool>())
            {
                continue;
            }
            var versionName = ObjectJson.String(version["name"]) ?? throw new FormatException("spec.versions[].name: Required value");
            var schemaNode = version["schema"]?["openAPIV3Schema"];
            StructuralSchema? schema = null;
            if (schemaNode is not null)
            {
                schema = new StructuralSchema(KubernetesJson.Deserialize<V1JSONSchemaProps>(schemaNode.ToJsonString()));
            }
            var columns = (version["additionalPrinterColumns"] as JsonArray ?? [])
                .OfType<JsonObject>()
                .Select(c => new TableColumn(
                    ObjectJson.String(c["name"]) ?? "",
                    ObjectJson.String(c["type"]) ?? "string",
                    ObjectJson.String(c["jsonPath"]) ?? "",
                    c["priority"] is JsonValue p ? p.GetValue<int>() : 0,
                    ObjectJson.String(c["description"]),
                    ObjectJson.String(c["format"])))
                .ToList();
            resources.Add(new ApiResource
            {
                Group = group,
                Version = versionName,
                Kind = kind,
                Plural = plural,
                Namespaced = namespaced,
                ShortNames = shortNames,
                Categories = categories,
                HasStatus = version["subresources"]?["status"] is not null,
                Scale = version["subresources"]?["scale"] is JsonObject scale
                    ? new ScaleSubresource(
                        ObjectJson.String(scale["specReplicasPath"]) ?? throw new FormatException("spec.versions[].subresources.scale.specReplicasPath: Required value"),
                        ObjectJson.String(scale["statusReplicasPath"]) ?? throw new FormatException("spec.versions[].subresources.scale.statusReplicasPath: Required value"),
                        ObjectJson.String(scale["labelSelectorPath"]))
                    : null,
                TracksGeneration = true,
                Schema = schema,
                IsCustom = true,
                PrinterColumns = columns,
                CrdName = crdName,
                ExtraSelectableFields = [.. (version["selectableFields"] as JsonArray ?? [])
                    .Select(f => ObjectJson.String(f?["jsonPath"])?.TrimStart('.'))
                    .OfType<string>()],
            });
        }
        return resources;
    }

    private static List<string> StringList(JsonNode? node) =>
        node is JsonArray array ? [.. array.Select(ObjectJson.String).OfType<string>()] : [];

    private static JsonObject Condition(string type, string reason, string message, string time) => new()
    {
        ["type"] = type,
        ["status"] = "True",
        ["lastTransitionTime"] = time,
        ["reason"] = reason,
        ["message"] = message,
    };
}
