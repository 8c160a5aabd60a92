using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KubeStash.LocalCluster.Semantics;

/// <summary>RFC 6902 JSON patch (<c>application/json-patch+json</c>).</summary>
/// <remarks>
/// Behaves as the library kube-apiserver and kubectl apply JSON patches with (evanphx/json-patch v4), leniencies
/// included, so that a patch that works against a real cluster works here and fails with the same text: a JSON
/// null counts as absent, <c>replace</c> on an absent object member sets it, array indices may be negative (from the
/// end), <c>copy</c> from an absent member copies null, and pointers are split on '/' with <c>~1</c>/<c>~0</c>
/// unescaped.
/// </remarks>
public static class JsonPatchDocument
{
    private const string MissingValue = ": missing value";
    private const string InvalidIndex = ": invalid index referenced";

    /// <summary>
    /// Applies the operations to a copy of <paramref name="target"/> (all or nothing) and returns it; throws
    /// <see cref="PatchException"/> with kube-apiserver's message on failure (<see cref="PatchException.Malformed"/>
    /// when an operation is not even a JSON object, which kube rejects as a bad request).
    /// </summary>
    public static JsonNode Apply(JsonNode target, JsonArray operations)
    {
        foreach (var entry in operations)
        {
            if (entry is not JsonObject)
            {
                throw new PatchException($"json: cannot unmarshal {GoJsonKind(entry)} into Go value of type jsonpatch.Operation", malformed: true);
            }
        }

        var document = new Document(target.DeepClone());
        foreach (var entry in operations)
        {
            var operation = (JsonObject)entry!;
            var op = StringMember(operation, "op") ?? "unknown";
            switch (op)
            {
                case "add":
                    Add(document, operation);
                    break;
                case "remove":
                    Remove(document, operation);
                    break;
                case "replace":
                    Replace(document, operation);
                    break;
                case "move":
                    Move(document, operation);
                    break;
                case "test":
                    Test(document, operation);
                    break;
                case "copy":
                    Copy(document, operation);
                    break;
                default:
                    throw new PatchException($"Unexpected kind: {op}");
            }
        }

        return document.Root;
    }

    private sealed class Document(JsonNode root)
    {
        public JsonNode Root { get; set; } = root;
    }

    private static string GoJsonKind(JsonNode? node) => node switch
    {
        null => "null",
        JsonArray => "array",
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.Number => "number",
            JsonValueKind.True or JsonValueKind.False => "bool",
            _ => "null",
        },
        _ => "object",
    };

    private static string? StringMember(JsonObject operation, string name) =>
        operation[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    // The library wraps the decoding error for some operations and only says "missing value" for others.
    private static string PathOf(JsonObject operation, string failure, bool withCause = true) =>
        StringMember(operation, "path")
            ?? throw new PatchException(failure + (withCause ? ": operation missing path field" : string.Empty) + MissingValue);

    private static string FromOf(JsonObject operation, string failure) =>
        StringMember(operation, "from") ?? throw new PatchException(failure + ": operation, missing from field" + MissingValue);

    // A JSON null and an absent "value" are the same to the library.
    private static JsonNode? ValueOf(JsonObject operation) => operation["value"]?.DeepClone();

    private static string Unescape(string token) =>
        token.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);

    /// <summary>The container holding the pointer's last token, or null when the path to it does not exist.</summary>
    private static (JsonNode? Container, string Key) FindContainer(Document document, string path)
    {
        var split = path.Split('/');
        if (split.Length < 2)
        {
            return (null, string.Empty);
        }

        JsonNode? container = document.Root;
        for (var i = 1; i < split.Length - 1; i++)
        {
            var (next, error) = Get(container!, Unescape(split[i]));
            if (next is null || error is not null || next is JsonValue)
            {
                return (null, string.Empty);
            }

            container = next;
        }

        return (container, Unescape(split[^1]));
    }

    private static (JsonNode? Value, string? Error) Get(JsonNode container, string key)
    {
        if (container is JsonObject obj)
        {
            return (obj[key], null);
        }

        var array = (JsonArray)container;
        var (index, error) = ArrayIndex(key, array.Count, array.Count);
        return error is null ? (array[index], null) : (null, error);
    }

    private static (int Index, string? Error) ArrayIndex(string key, int count, int bound)
    {
        if (!int.TryParse(key, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var index))
        {
            return (0, $"strconv.Atoi: parsing {GoValueFormat.Quote(key)}: invalid syntax");
        }

        var original = index;
        if (index < 0)
        {
            if (index < -bound)
            {
                return (0, $"Unable to access invalid index: {original}{InvalidIndex}");
            }

            index += bound;
        }

        return index >= bound || index > count
            ? (0, $"Unable to access invalid index: {original}{InvalidIndex}")
            : (index, null);
    }

    private static string? AddTo(JsonNode container, string key, JsonNode? value)
    {
        if (container is JsonObject obj)
        {
            obj[key] = value;
            return null;
        }

        var array = (JsonArray)container;
        if (key == "-")
        {
            array.Add(value);
            return null;
        }

        if (!int.TryParse(key, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
        {
            return $"value was not a proper array index: '{key}': strconv.Atoi: parsing {GoValueFormat.Quote(key)}: invalid syntax";
        }

        var (index, error) = ArrayIndex(key, array.Count, array.Count + 1);
        if (error is not null)
        {
            return error;
        }

        array.Insert(index, value);
        return null;
    }

    private static (JsonNode? Removed, string? Error) RemoveFrom(JsonNode container, string key)
    {
        if (container is JsonObject obj)
        {
            if (!obj.TryGetPropertyValue(key, out var existing))
            {
                return (null, $"Unable to remove nonexistent key: {key}{MissingValue}");
            }

            obj.Remove(key);
            return (existing, null);
        }

        var array = (JsonArray)container;
        var (index, error) = ArrayIndex(key, array.Count, array.Count);
        if (error is not null)
        {
            return (null, error);
        }

        var removed = array[index];
        array.RemoveAt(index);
        return (removed, null);
    }

    private static void Add(Document document, JsonObject operation)
    {
        var path = PathOf(operation, "add operation failed to decode path", withCause: false);
        var (container, key) = FindContainer(document, path);
        if (container is null)
        {
            throw new PatchException($"add operation does not apply: doc is missing path: \"{path}\"{MissingValue}");
        }

        if (AddTo(container, key, ValueOf(operation)) is { } error)
        {
            throw new PatchException($"error in add for path: '{path}': {error}");
        }
    }

    private static void Remove(Document document, JsonObject operation)
    {
        var path = PathOf(operation, "remove operation failed to decode path", withCause: false);
        var (container, key) = FindContainer(document, path);
        if (container is null)
        {
            throw new PatchException($"remove operation does not apply: doc is missing path: \"{path}\"{MissingValue}");
        }

        if (RemoveFrom(container, key).Error is { } error)
        {
            throw new PatchException($"error in remove for path: '{path}': {error}");
        }
    }

    private static void Replace(Document document, JsonObject operation)
    {
        var path = PathOf(operation, "replace operation failed to decode path");
        var value = ValueOf(operation);
        if (path.Length == 0)
        {
            document.Root = value is JsonObject or JsonArray
                ? value
                : throw new PatchException("replace operation value must be object or array");
            return;
        }

        var (container, key) = FindContainer(document, path);
        if (container is null)
        {
            throw new PatchException($"replace operation does not apply: doc is missing path: {path}{MissingValue}");
        }

        if (Get(container, key).Error is not null)
        {
            throw new PatchException($"replace operation does not apply: doc is missing key: {path}{MissingValue}");
        }

        if (container is JsonObject obj)
        {
            obj[key] = value;
        }
        else
        {
            var array = (JsonArray)container;
            array[ArrayIndex(key, array.Count, array.Count).Index] = value;
        }
    }

    private static void Move(Document document, JsonObject operation)
    {
        var from = FromOf(operation, "move operation failed to decode from");
        var (source, sourceKey) = FindContainer(document, from);
        if (source is null)
        {
            throw new PatchException($"move operation does not apply: doc is missing from path: {from}{MissingValue}");
        }

        if (Get(source, sourceKey).Error is { } getError)
        {
            throw new PatchException($"error in move for path: '{sourceKey}': {getError}");
        }

        var (moved, removeError) = RemoveFrom(source, sourceKey);
        if (removeError is not null)
        {
            throw new PatchException($"error in move for path: '{sourceKey}': {removeError}");
        }

        var path = PathOf(operation, "move operation failed to decode path");
        var (target, key) = FindContainer(document, path);
        if (target is null)
        {
            throw new PatchException($"move operation does not apply: doc is missing destination path: {path}{MissingValue}");
        }

        if (AddTo(target, key, moved) is { } addError)
        {
            throw new PatchException($"error in move for path: '{path}': {addError}");
        }
    }

    private static void Copy(Document document, JsonObject operation)
    {
        var from = FromOf(operation, "copy operation failed to decode from");
        var (source, sourceKey) = FindContainer(document, from);
        if (source is null)
        {
            throw new PatchException($"copy operation does not apply: doc is missing from path: {from}{MissingValue}");
        }

        var (value, getError) = Get(source, sourceKey);
        if (getError is not null)
        {
            throw new PatchException($"error in copy for from: '{from}': {getError}");
        }

        var path = PathOf(operation, "copy operation failed to decode path", withCause: false);
        var (target, key) = FindContainer(document, path);
        if (target is null)
        {
            throw new PatchException($"copy operation does not apply: doc is missing destination path: {path}{MissingValue}");
        }

        if (AddTo(target, key, value?.DeepClone()) is { } addError)
        {
            throw new PatchException($"error while adding value during copy: {addError}");
        }
    }

    private static void Test(Document document, JsonObject operation)
    {
        var path = PathOf(operation, "test operation failed to decode path");
        var expected = ValueOf(operation);
        JsonNode? actual;
        if (path.Length == 0)
        {
            actual = document.Root;
        }
        else
        {
            var (container, key) = FindContainer(document, path);
            if (container is null)
            {
                throw new PatchException($"test operation does not apply: is missing path: {path}{MissingValue}");
            }

            var (value, error) = Get(container, key);
            if (error is not null)
            {
                throw new PatchException($"error in test for path: '{path}': {error}");
            }

            actual = value;
        }

        if (!JsonValueEquality.AreEqual(actual, expected))
        {
            throw new PatchException($"testing value {path} failed: test failed");
        }
    }
}
