using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KubeStash.LocalCluster.Semantics;

/// <summary>RFC 6902 JSON patch (<c>application/json-patch+json</c>).</summary>
public static class JsonPatchDocument
{
    /// <summary>
    /// Applies the operations to a copy of <paramref name="target"/> (all or nothing) and returns it; throws
    /// <see cref="PatchException"/> with a kube-apiserver-like message on failure (<see cref="PatchException.Malformed"/>
    /// when the patch document itself is not a valid RFC 6902 document).
    /// </summary>
    public static JsonNode Apply(JsonNode target, JsonArray operations)
    {
        var document = new JsonNode?[] { target.DeepClone() };
        foreach (var entry in operations)
        {
            if (entry is not JsonObject operation)
            {
                throw new PatchException("json patch operation must be an object", malformed: true);
            }

            var op = RequiredString(operation, "op", "operation");
            var path = RequiredPointer(operation, "path", op);
            switch (op)
            {
                case "add":
                    Add(document, path, RequiredValue(operation, op), op);
                    break;
                case "remove":
                    Remove(document, path, op);
                    break;
                case "replace":
                    Replace(document, path, RequiredValue(operation, op));
                    break;
                case "move":
                    var moveFrom = RequiredPointer(operation, "from", op);
                    if (path.IsProperlyInside(moveFrom))
                    {
                        throw new PatchException($"move operation does not apply: from \"{moveFrom}\" is a proper prefix of path \"{path}\"");
                    }

                    var moved = Remove(document, moveFrom, op, fromField: true);
                    Add(document, path, moved, op);
                    break;
                case "copy":
                    var copyFrom = RequiredPointer(operation, "from", op);
                    var copied = Get(document[0], copyFrom) ?? throw Missing(op, copyFrom, fromField: true);
                    Add(document, path, copied.Value?.DeepClone(), op);
                    break;
                case "test":
                    var expected = RequiredValue(operation, op);
                    var actual = Get(document[0], path);
                    if (actual is null || !JsonValueEquality.AreEqual(actual.Value.Node, expected))
                    {
                        throw new PatchException($"testing value {path} failed: test failed");
                    }

                    break;
                default:
                    throw new PatchException($"Unexpected kind: {op}", malformed: true);
            }
        }

        return document[0] ?? throw new PatchException("the patch leaves no document (null)");
    }

    private static string RequiredString(JsonObject operation, string name, string op)
    {
        if (operation[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String)
        {
            return value.GetValue<string>();
        }

        throw new PatchException($"{op} operation is missing the string field \"{name}\"", malformed: true);
    }

    private static JsonPointer RequiredPointer(JsonObject operation, string name, string op)
    {
        var text = RequiredString(operation, name, op);
        return JsonPointer.TryParse(text)
            ?? throw new PatchException($"{op} operation has an invalid JSON pointer in \"{name}\": {text}", malformed: true);
    }

    private static JsonNode? RequiredValue(JsonObject operation, string op)
    {
        if (!operation.TryGetPropertyValue("value", out var value))
        {
            throw new PatchException($"{op} operation is missing the field \"value\"", malformed: true);
        }

        return value?.DeepClone();
    }

    private static PatchException Missing(string op, JsonPointer path, bool fromField = false) =>
        new($"{op} operation does not apply: doc is missing {(fromField ? "from " : string.Empty)}path: \"{path}\": missing value");

    private readonly record struct Located(JsonNode? Node)
    {
        public JsonNode? Value => Node;
    }

    private static Located? Get(JsonNode? root, JsonPointer pointer)
    {
        var node = root;
        foreach (var token in pointer.Tokens)
        {
            switch (node)
            {
                case JsonObject obj when obj.TryGetPropertyValue(token, out var child):
                    node = child;
                    break;
                case JsonArray array when TryIndex(token, array.Count - 1, out var index):
                    node = array[index];
                    break;
                default:
                    return null;
            }
        }

        return new Located(node);
    }

    private static JsonNode? Parent(JsonNode?[] document, JsonPointer pointer, string op, bool fromField)
    {
        var parentPointer = JsonPointer.TryParse(string.Concat(pointer.Tokens.Take(pointer.Tokens.Count - 1).Select(t => "/" + t.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal))))!;
        var parent = Get(document[0], parentPointer);
        if (parent?.Node is not (JsonObject or JsonArray))
        {
            throw Missing(op, pointer, fromField);
        }

        return parent.Value.Node;
    }

    private static void Add(JsonNode?[] document, JsonPointer path, JsonNode? value, string op)
    {
        if (path.IsRoot)
        {
            document[0] = value;
            return;
        }

        var last = path.Tokens[^1];
        switch (Parent(document, path, op, fromField: false))
        {
            case JsonObject obj:
                obj[last] = value;
                break;
            case JsonArray array:
                if (last == "-")
                {
                    array.Add(value);
                }
                else if (TryIndex(last, array.Count, out var index))
                {
                    array.Insert(index, value);
                }
                else
                {
                    throw new PatchException($"{op} operation does not apply: Unable to access invalid index: {last}: invalid index referenced");
                }

                break;
        }
    }

    // Replaces in place so that the member keeps its position in the object.
    private static void Replace(JsonNode?[] document, JsonPointer path, JsonNode? value)
    {
        if (path.IsRoot)
        {
            document[0] = value;
            return;
        }

        var last = path.Tokens[^1];
        switch (Parent(document, path, "replace", fromField: false))
        {
            case JsonObject obj when obj.ContainsKey(last):
                obj[last] = value;
                break;
            case JsonArray array when TryIndex(last, array.Count - 1, out var index):
                array[index] = value;
                break;
            case JsonArray:
                throw new PatchException($"replace operation does not apply: Unable to access invalid index: {last}: invalid index referenced");
            default:
                throw Missing("replace", path);
        }
    }

    private static JsonNode? Remove(JsonNode?[] document, JsonPointer path, string op, bool fromField = false)
    {
        if (path.IsRoot)
        {
            if (op == "move")
            {
                var whole = document[0];
                document[0] = null;
                return whole;
            }

            throw new PatchException($"{op} operation does not apply: the whole document cannot be removed");
        }

        var last = path.Tokens[^1];
        switch (Parent(document, path, op, fromField))
        {
            case JsonObject obj:
                if (!obj.TryGetPropertyValue(last, out var existing))
                {
                    throw op == "remove"
                        ? new PatchException($"remove operation does not apply: Unable to remove nonexistent key: {last}: missing value")
                        : Missing(op, path, fromField);
                }

                obj.Remove(last);
                return existing;
            case JsonArray array:
                if (!TryIndex(last, array.Count - 1, out var index))
                {
                    throw new PatchException($"{op} operation does not apply: Unable to access invalid index: {last}: invalid index referenced");
                }

                var removed = array[index];
                array.RemoveAt(index);
                return removed;
            default:
                throw Missing(op, path, fromField);
        }
    }

    // RFC 6901 array indices: "0" or digits without a leading zero, at most maxIndex.
    private static bool TryIndex(string token, int maxIndex, out int index)
    {
        index = -1;
        if (token.Length == 0 || (token.Length > 1 && token[0] == '0') || !token.All(char.IsAsciiDigit))
        {
            return false;
        }

        return int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out index) && index <= maxIndex;
    }
}
