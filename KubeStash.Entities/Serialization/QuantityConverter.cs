using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using k8s.Models;

namespace KubeStash.Entities.Serialization;

/// <summary>
/// Reads resource quantities like KubernetesClient does, but reports a malformed quantity as a JSON error at its path
/// (KubernetesClient's own converter throws a bare FormatException that names no field).
/// </summary>
internal sealed class QuantityConverter : JsonConverter<ResourceQuantity>
{
    public override ResourceQuantity Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString()!,
            JsonTokenType.Number => Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan.ToArray()),
            _ => throw new JsonException("expected a quantity"),
        };

        try
        {
            return new ResourceQuantity(text);
        }
        catch (FormatException e)
        {
            throw new JsonException($"\"{text}\" is not a quantity", e);
        }
    }

    public override void Write(Utf8JsonWriter writer, ResourceQuantity value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
