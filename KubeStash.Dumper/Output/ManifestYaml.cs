using System.Text;
using System.Text.Json.Nodes;
using KubeStash.Entities.Serialization;

namespace KubeStash.Dumper.Output;

/// <summary>YAML as a person writes a manifest: apiVersion, kind, metadata (name, namespace, labels, annotations first), spec, then the rest; block style.</summary>
public static class ManifestYaml
{
    private static readonly string[] TopOrder = ["apiVersion", "kind", "metadata", "spec"];
    private static readonly string[] MetadataOrder = ["name", "generateName", "namespace", "labels", "annotations"];

    public static byte[] ToYaml(JsonObject obj)
    {
        var ordered = Reorder(obj, TopOrder);
        if (ordered["metadata"] is JsonObject metadata)
        {
            ordered["metadata"] = null;
            ordered["metadata"] = Reorder(metadata, MetadataOrder);
        }

        return Encoding.UTF8.GetBytes(YamlJson.ToYaml(ordered));
    }

    private static JsonObject Reorder(JsonObject source, string[] first)
    {
        var result = new JsonObject();
        foreach (var key in first)
        {
            if (source.TryGetPropertyValue(key, out var value))
            {
                source.Remove(key);
                result[key] = value;
            }
        }

        foreach (var (key, value) in source.ToList())
        {
            source.Remove(key);
            result[key] = value;
        }

        return result;
    }
}
