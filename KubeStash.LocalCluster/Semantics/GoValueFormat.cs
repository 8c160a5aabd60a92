using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KubeStash.LocalCluster.Semantics;

/// <summary>
/// Prints JSON values the way kube-apiserver's Go code prints the decoded values in error texts: <c>%q</c> for
/// strings, <c>%v</c> for numbers and booleans, <c>%#v</c> for maps and slices.
/// </summary>
internal static class GoValueFormat
{
    /// <summary>The JSON schema type name of a value (integer for integral numbers written without a fraction).</summary>
    public static string TypeName(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            JsonValueKind.Number => IsIntegerLiteral(value) ? "integer" : "number",
            _ => "null",
        },
        _ => "null",
    };

    public static bool IsIntegerLiteral(JsonValue value)
    {
        var text = value.ToJsonString();
        return !text.Contains('.', StringComparison.Ordinal) && !text.Contains('e', StringComparison.OrdinalIgnoreCase)
            && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);
    }

    public static double NumberOf(JsonValue value) => double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>Go's <c>strconv.Quote</c> for the common characters.</summary>
    public static string Quote(string text)
    {
        var builder = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (char.IsControl(c))
                    {
                        builder.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}");
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }

    /// <summary>Go's <c>%v</c> of a float64: shortest digits, exponent form from 1e+06 and below 1e-04.</summary>
    public static string Float(double value)
    {
        var abs = Math.Abs(value);
        var shortest = value.ToString("R", CultureInfo.InvariantCulture);
        if (abs != 0 && (abs < 1e-4 || abs >= 1e6))
        {
            return NormaliseExponent(value.ToString("0.################E+0", CultureInfo.InvariantCulture));
        }

        return shortest.Contains('E', StringComparison.Ordinal)
            ? decimal.Parse(shortest, NumberStyles.Float, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)
            : shortest;
    }

    /// <summary>The bad value as a field error prints it (<c>Invalid value: ...</c>).</summary>
    public static string BadValue(JsonNode? node) => node switch
    {
        null => "\"null\"",
        JsonValue value when value.GetValueKind() == JsonValueKind.String => Quote(value.GetValue<string>()),
        JsonValue value => Scalar(value),
        _ => GoSyntax(node),
    };

    /// <summary>Go's <c>%#v</c> of a decoded JSON value.</summary>
    public static string GoSyntax(JsonNode? node) => node switch
    {
        null => "interface {}(nil)",
        JsonObject obj => "map[string]interface {}{" + string.Join(", ", obj.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => Quote(p.Key) + ":" + GoSyntax(p.Value))) + "}",
        JsonArray array => "[]interface {}{" + string.Join(", ", array.Select(GoSyntax)) + "}",
        JsonValue value when value.GetValueKind() == JsonValueKind.String => Quote(value.GetValue<string>()),
        JsonValue value => Scalar(value),
        _ => node.ToJsonString(),
    };

    private static string Scalar(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => IsIntegerLiteral(value) ? value.ToJsonString() : Float(NumberOf(value)),
        _ => value.ToJsonString(),
    };

    private static string NormaliseExponent(string text)
    {
        var index = text.IndexOf('E', StringComparison.Ordinal);
        var mantissa = text[..index];
        if (mantissa.Contains('.', StringComparison.Ordinal))
        {
            mantissa = mantissa.TrimEnd('0').TrimEnd('.');
        }

        var exponent = int.Parse(text[(index + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return mantissa + "e" + (exponent < 0 ? "-" : "+") + Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture);
    }
}
