using System.Text.Json.Nodes;

namespace KubeStash.Operator.Runtime.Webhooks;

/// <summary>The RFC 6902 JSON patch that turns one JSON document into another (objects diffed by key, anything else replaced).</summary>
public static class JsonPatchDiff
{
    public static JsonArray Create(JsonNode? original, JsonNode? modified)
    {
        var operations = new JsonArray();
        Diff(original, modified, string.Empty, operations);
        return operations;
    }

    private static void Diff(JsonNode? original, JsonNode? modified, string path, JsonArray operations)
    {
        if (original is JsonObject from && modified is JsonObject to)
        {
            foreach (var (key, value) in from)
            {
                if (!to.ContainsKey(key))
                {
                    operations.Add(new JsonObject { ["op"] = "remove", ["path"] = path + "/" + Escape(key) });
                }
                else
                {
                    Diff(value, to[key], path + "/" + Escape(key), operations);
                }
            }

            foreach (var (key, value) in to)
            {
                if (!from.ContainsKey(key))
                {
                    operations.Add(new JsonObject { ["op"] = "add", ["path"] = path + "/" + Escape(key), ["value"] = value?.DeepClone() });
                }
            }

            return;
        }

        if (!JsonNode.DeepEquals(original, modified))
        {
            operations.Add(new JsonObject { ["op"] = "replace", ["path"] = path, ["value"] = modified?.DeepClone() });
        }
    }

    private static string Escape(string key) => key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
