using System.Text.Json.Serialization;

namespace KubeStash.Entities.Common;

/// <summary>Declares one parameter a task or hook accepts: its name, usage, whether it is required and its default.</summary>
public sealed class ParameterDefinition
{
    /// <summary>Name of the parameter.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>What the parameter is for.</summary>
    [JsonPropertyName("usage")]
    public string? Usage { get; set; }

    /// <summary>Whether the parameter must be given.</summary>
    [JsonPropertyName("required")]
    public bool? Required { get; set; }

    /// <summary>Value used when the parameter is not given.</summary>
    [JsonPropertyName("default")]
    public string? Default { get; set; }
}
