using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KubeStash.LocalCluster.Semantics;

/// <summary>Null-tolerant reads of dotted paths in Kubernetes objects, for the table printers.</summary>
internal static class JsonRead
{
    public static JsonNode? At(JsonNode? node, string dottedPath)
    {
        foreach (var part in dottedPath.Split('.'))
        {
            node = node is JsonObject obj && obj.TryGetPropertyValue(part, out var child) ? child : null;
            if (node is null)
            {
                return null;
            }
        }

        return node;
    }

    public static string String(JsonNode? node, string path) =>
        At(node, path) is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : string.Empty;

    public static long Integer(JsonNode? node, string path) =>
        At(node, path) is JsonValue value && value.GetValueKind() == JsonValueKind.Number
            ? (long)double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture)
            : 0;

    public static bool? Boolean(JsonNode? node, string path) => At(node, path) is JsonValue value
        ? value.GetValueKind() switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => null,
        }
        : null;

    public static IEnumerable<JsonObject> Objects(JsonNode? node, string path) =>
        At(node, path) is JsonArray array ? array.OfType<JsonObject>() : [];

    public static int Count(JsonNode? node, string path) => At(node, path) switch
    {
        JsonArray array => array.Count,
        JsonObject obj => obj.Count,
        _ => 0,
    };

    public static DateTimeOffset? Time(JsonNode? node, string path) =>
        DateTimeOffset.TryParse(String(node, path), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : null;
}
