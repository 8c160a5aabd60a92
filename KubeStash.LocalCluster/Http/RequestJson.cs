using System.Text.Json;
using System.Text.Json.Nodes;

namespace KubeStash.LocalCluster.Http;

/// <summary>
/// Parses request bodies the way kube-apiserver decodes them: the last of duplicate fields wins, and each
/// duplicate is reported by its path (for fieldValidation Strict/Warn).
/// </summary>
internal static class RequestJson
{
    public static JsonNode? Parse(string text, List<string> duplicates)
    {
        using var document = JsonDocument.Parse(text, new JsonDocumentOptions { AllowDuplicateProperties = true, MaxDepth = 256 });
        return Convert(document.RootElement, "", duplicates);
    }

    private static JsonNode? Convert(JsonElement element, string path, List<string> duplicates)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var obj = new JsonObject();
                foreach (var property in element.EnumerateObject())
                {
                    var childPath = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
                    if (obj.ContainsKey(property.Name))
                    {
                        duplicates.Add(childPath);
                        obj.Remove(property.Name);
                    }
                    obj[property.Name] = Convert(property.Value, childPath, duplicates);
                }
                return obj;
            case JsonValueKind.Array:
                return new JsonArray([.. element.EnumerateArray().Select(e => Convert(e, path, duplicates))]);
            case JsonValueKind.Null:
                return null;
            default:
                return JsonValue.Create(element.Clone());
        }
    }
}
