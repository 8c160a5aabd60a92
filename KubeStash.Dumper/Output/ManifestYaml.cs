using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KubeStash.Dumper.Output;

/// <summary>
/// YAML as a person writes a manifest: apiVersion, kind, metadata (name, namespace, labels, annotations first), spec,
/// then the rest; block style with sequences at their key's indentation (kubectl's style); multi-line strings as
/// literal blocks; strings plain only when they cannot read back as anything else (YAML 1.1 or 1.2), otherwise
/// double-quoted — a JSON string literal is a valid YAML double-quoted scalar, so quoting is JSON escaping.
/// Written directly (no YAML library in the loop): this runs once per object of the cluster.
/// </summary>
public static class ManifestYaml
{
    private static readonly string[] TopOrder = ["apiVersion", "kind", "metadata", "spec"];
    private static readonly string[] MetadataOrder = ["name", "generateName", "namespace", "labels", "annotations"];
    private static readonly JsonSerializerOptions QuotedStrings = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "true", "false", "yes", "no", "on", "off", "y", "n", "null", "~", ".inf", "-.inf", "+.inf", ".nan", "<<", "=",
    };

    public static byte[] ToYaml(JsonObject obj)
    {
        var ordered = Reorder(obj, TopOrder);
        if (ordered["metadata"] is JsonObject metadata)
        {
            ordered["metadata"] = null;
            ordered["metadata"] = Reorder(metadata, MetadataOrder);
        }

        var text = new StringBuilder(1024);
        WriteMapping(text, ordered, 0);
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static void WriteMapping(StringBuilder text, JsonObject map, int indent, bool firstInline = false)
    {
        var first = true;
        foreach (var (key, value) in map)
        {
            if (!(first && firstInline))
            {
                text.Append(' ', indent);
            }

            first = false;
            WriteScalarString(text, key, indent, asKey: true);
            text.Append(':');
            WriteValue(text, value, indent, inSequence: false);
        }
    }

    /// <summary>Writes what follows <c>key:</c> or <c>-</c>, including the line end.</summary>
    private static void WriteValue(StringBuilder text, JsonNode? value, int indent, bool inSequence)
    {
        switch (value)
        {
            case JsonObject { Count: 0 }:
                text.Append(" {}\n");
                break;
            case JsonArray { Count: 0 }:
                text.Append(" []\n");
                break;
            case JsonObject map when inSequence:
                text.Append(' ');
                WriteMapping(text, map, indent + 2, firstInline: true);
                break;
            case JsonObject map:
                text.Append('\n');
                WriteMapping(text, map, indent + 2);
                break;
            case JsonArray list:
                // A sequence under a key sits at the key's indentation; one inside a sequence item nests by two.
                var itemIndent = inSequence ? indent + 2 : indent;
                var firstItem = true;
                if (inSequence)
                {
                    text.Append(' ');
                }
                else
                {
                    text.Append('\n');
                }

                foreach (var item in list)
                {
                    if (!(inSequence && firstItem))
                    {
                        text.Append(' ', itemIndent);
                    }

                    firstItem = false;
                    text.Append('-');
                    WriteValue(text, item, itemIndent, inSequence: true);
                }

                break;
            case JsonValue scalar:
                text.Append(' ');
                WriteScalar(text, scalar, inSequence ? indent + 2 : indent + 2);
                text.Append('\n');
                break;
            default:
                text.Append(" null\n");
                break;
        }
    }

    private static void WriteScalar(StringBuilder text, JsonValue scalar, int indent)
    {
        switch (scalar.GetValueKind())
        {
            case JsonValueKind.String:
                WriteScalarString(text, scalar.GetValue<string>(), indent, asKey: false);
                break;
            case JsonValueKind.True:
                text.Append("true");
                break;
            case JsonValueKind.False:
                text.Append("false");
                break;
            case JsonValueKind.Null:
                text.Append("null");
                break;
            default:
                text.Append(scalar.ToJsonString());
                break;
        }
    }

    private static void WriteScalarString(StringBuilder text, string value, int indent, bool asKey)
    {
        if (IsPlainSafe(value))
        {
            text.Append(value);
        }
        else if (!asKey && IsLiteralBlockSafe(value))
        {
            // "|" keeps exactly one final newline, "|-" none.
            text.Append(value.EndsWith('\n') ? "|" : "|-");
            foreach (var line in value.TrimEnd('\n').Split('\n'))
            {
                text.Append('\n');
                if (line.Length > 0)
                {
                    text.Append(' ', indent).Append(line);
                }
            }
        }
        else
        {
            text.Append(JsonSerializer.Serialize(value, QuotedStrings));
        }
    }

    /// <summary>Plain only for text that every YAML reader takes as this same string.</summary>
    private static bool IsPlainSafe(string value)
    {
        if (value.Length == 0 || Reserved.Contains(value) || !(char.IsAsciiLetter(value[0]) || value[0] is '/' or '_' or '.'))
        {
            return false;
        }

        if (value[0] == '.' && value.Length > 1 && char.IsAsciiDigit(value[1]))
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/' or ':' or '=' or '+' or '@' or ' ' or ',' or '(' or ')'))
            {
                return false;
            }
        }

        return !value.EndsWith(' ') && !value.EndsWith(':') && !value.Contains(": ", StringComparison.Ordinal) && !value.Contains(" #", StringComparison.Ordinal)
            && !LooksNumeric(value);
    }

    /// <summary>YAML 1.1 also reads <c>e10</c>-less forms like <c>1_000</c> or sexagesimal <c>1:20</c>; those start with a digit and are excluded above.</summary>
    private static bool LooksNumeric(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    private static bool IsLiteralBlockSafe(string value)
    {
        if (!value.Contains('\n', StringComparison.Ordinal) || value[0] is ' ' or '\t' or '\n' || value.EndsWith("\n\n", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var line in value.TrimEnd('\n').Split('\n'))
        {
            if (line.EndsWith(' ') || line.EndsWith('\t'))
            {
                return false;
            }
        }

        foreach (var c in value)
        {
            if ((char.IsControl(c) && c is not '\n' and not '\t') || c == '\uFEFF' || char.IsSurrogate(c))
            {
                return false;
            }
        }

        return true;
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
