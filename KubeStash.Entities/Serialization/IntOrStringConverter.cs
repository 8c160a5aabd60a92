using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using k8s.Models;

namespace KubeStash.Entities.Serialization;

/// <summary>
/// Reads int-or-string values (an integer or a string, e.g. a port number or name) and reports anything else as a JSON
/// error at its path. Writes like KubernetesClient: numeric text as a number, other text as a string.
/// </summary>
internal sealed class IntOrStringConverter : JsonConverter<IntOrString>
{
    public override IntOrString Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString()!,
            JsonTokenType.Number when reader.TryGetInt64(out var number) => number,
            _ => throw new JsonException("expected an integer or a string"),
        };

    public override void Write(Utf8JsonWriter writer, IntOrString value, JsonSerializerOptions options)
    {
        if (long.TryParse(value.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            writer.WriteNumberValue(number);
        }
        else
        {
            writer.WriteStringValue(value.Value);
        }
    }
}
