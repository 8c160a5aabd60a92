using System.Text.Json.Serialization;

namespace KubeStash.Entities.Core;

/// <summary>A script run against restored data to verify a backup.</summary>
public sealed class ScriptVerifierSpec
{
    /// <summary>Absolute path of the script file.</summary>
    [JsonPropertyName("location")]
    public string? Location { get; set; }

    /// <summary>Arguments passed to the script.</summary>
    [JsonPropertyName("args")]
    public IList<string>? Args { get; set; }
}
