using System.Text.Json.Nodes;

namespace KubeStash.Tests.Entities;

/// <summary>Structural comparison of JSON trees that reports every path where two trees differ.</summary>
internal static class JsonDiff
{
    public static IReadOnlyList<string> Differences(JsonNode? expected, JsonNode? actual)
    {
        var differences = new List<string>();
        Compare("$", expected, actual, differences);
        return differences;
    }

    private static void Compare(string path, JsonNode? expected, JsonNode? actual, List<string> differences)
    {
        switch (expected, actual)
        {
            case (null, null):
                return;
            case (JsonObject e, JsonObject a):
                foreach (var (key, value) in e)
                {
                    if (!a.ContainsKey(key))
                    {
                        differences.Add($"{path}.{key}: lost (was {value?.ToJsonString() ?? "null"})");
                    }
                    else
                    {
                        Compare($"{path}.{key}", value, a[key], differences);
                    }
                }

                foreach (var (key, value) in a)
                {
                    if (!e.ContainsKey(key))
                    {
                        differences.Add($"{path}.{key}: added ({value?.ToJsonString() ?? "null"})");
                    }
                }

                return;
            case (JsonArray e, JsonArray a):
                if (e.Count != a.Count)
                {
                    differences.Add($"{path}: {e.Count} items expected, {a.Count} found");
                    return;
                }

                for (var i = 0; i < e.Count; i++)
                {
                    Compare($"{path}[{i}]", e[i], a[i], differences);
                }

                return;
            default:
                if (!JsonNode.DeepEquals(expected, actual))
                {
                    differences.Add($"{path}: expected {expected?.ToJsonString() ?? "null"}, found {actual?.ToJsonString() ?? "null"}");
                }

                return;
        }
    }
}
