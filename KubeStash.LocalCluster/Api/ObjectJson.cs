using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KubeStash.LocalCluster.Api;

/// <summary>Small accessors for Kubernetes objects held as JSON trees.</summary>
internal static class ObjectJson
{
    public static JsonObject Parse(byte[] json) => JsonNode.Parse(json)!.AsObject();

    public static JsonObject Metadata(JsonObject obj)
    {
        if (obj["metadata"] is not JsonObject metadata)
        {
            metadata = [];
            obj["metadata"] = metadata;
        }
        return metadata;
    }

    public static string? String(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    public static string? Name(JsonObject obj) => String(obj["metadata"]?["name"]);
    public static string? Namespace(JsonObject obj) => String(obj["metadata"]?["namespace"]);
    public static string? Uid(JsonObject obj) => String(obj["metadata"]?["uid"]);
    public static string? ResourceVersion(JsonObject obj) => String(obj["metadata"]?["resourceVersion"]);
    public static bool IsDeleting(JsonObject obj) => obj["metadata"]?["deletionTimestamp"] is not null;

    public static List<string> Finalizers(JsonObject obj) =>
        obj["metadata"]?["finalizers"] is JsonArray array ? [.. array.Select(String).OfType<string>()] : [];

    public static void SetFinalizers(JsonObject obj, IReadOnlyCollection<string> finalizers)
    {
        var metadata = Metadata(obj);
        if (finalizers.Count == 0)
        {
            metadata.Remove("finalizers");
        }
        else
        {
            metadata["finalizers"] = new JsonArray([.. finalizers.Select(f => (JsonNode)JsonValue.Create(f))]);
        }
    }

    public static Dictionary<string, string> Labels(JsonObject obj)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (obj["metadata"]?["labels"] is JsonObject map)
        {
            foreach (var (key, value) in map)
            {
                if (String(value) is { } text)
                {
                    labels[key] = text;
                }
            }
        }
        return labels;
    }

    public static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static long? ParseResourceVersion(string? text, string parameter)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new Http.ApiException(400, "BadRequest", $"invalid {parameter} \"{text}\"");
    }
}
