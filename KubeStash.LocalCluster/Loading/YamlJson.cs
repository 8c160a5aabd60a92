using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace KubeStash.LocalCluster.Loading;

/// <summary>Converts YAML documents to JSON trees with YAML 1.2 core-schema scalar typing (what kubectl does).</summary>
internal static partial class YamlJson
{
    /// <summary>Every non-empty document of a multi-document YAML text.</summary>
    public static List<JsonObject> ParseDocuments(string text)
    {
        var stream = new YamlStream();
        using var reader = new StringReader(text);
        try
        {
            stream.Load(reader);
        }
        catch (YamlException ex)
        {
            throw new FormatException($"invalid YAML at line {ex.Start.Line}: {ex.Message}", ex);
        }
        var documents = new List<JsonObject>();
        foreach (var document in stream.Documents)
        {
            if (Convert(document.RootNode) is JsonObject obj)
            {
                if (obj["kind"]?.ToString() is { } kind && kind.EndsWith("List", StringComparison.Ordinal) && obj["items"] is JsonArray items)
                {
                    documents.AddRange(items.OfType<JsonObject>().Select(i => i.DeepClone().AsObject()));
                }
                else
                {
                    documents.Add(obj);
                }
            }
        }
        return documents;
    }

    public static JsonNode? Convert(YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                var obj = new JsonObject();
                foreach (var (key, value) in mapping.Children)
                {
                    obj[((YamlScalarNode)key).Value ?? ""] = Convert(value);
                }
                return obj;
            case YamlSequenceNode sequence:
                return new JsonArray([.. sequence.Children.Select(Convert)]);
            case YamlScalarNode scalar:
                return Scalar(scalar);
            default:
                return null;
        }
    }

    private static JsonValue? Scalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? "";
        if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded)
        {
            return JsonValue.Create(value);
        }
        if (value is "" or "~" or "null" or "Null" or "NULL")
        {
            return null;
        }
        if (value is "true" or "True" or "TRUE")
        {
            return JsonValue.Create(true);
        }
        if (value is "false" or "False" or "FALSE")
        {
            return JsonValue.Create(false);
        }
        if (Integer().IsMatch(value) && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            return JsonValue.Create(number);
        }
        if (Float().IsMatch(value) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var real))
        {
            return JsonValue.Create(real);
        }
        return JsonValue.Create(value);
    }

    [GeneratedRegex("^[-+]?[0-9]+$")]
    private static partial Regex Integer();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex Float();
}
