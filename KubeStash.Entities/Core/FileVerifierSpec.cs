using System.Text.Json.Serialization;

namespace KubeStash.Entities.Core;

/// <summary>Files whose existence after a restore verifies a backup.</summary>
public sealed class FileVerifierSpec
{
    /// <summary>Absolute paths that must exist.</summary>
    [JsonPropertyName("paths")]
    public IList<string>? Paths { get; set; }
}
