using System.Text.Json.Serialization;

namespace KubeStash.Tests.Generation.Samples;

/// <summary>Desired state of a <see cref="Gadget"/>.</summary>
public sealed class GadgetSpec
{
    /// <summary>Colour of the gadget.</summary>
    [JsonPropertyName("colour")]
    public string? Colour { get; set; }
}
