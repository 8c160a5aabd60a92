using System.Text.Json.Serialization;
using KubeStash.Entities.Common;

namespace KubeStash.Entities.Core;

/// <summary>Where and how data is restored to verify it.</summary>
public sealed class RestoreOption
{
    /// <summary>The application the data is restored into for verification.</summary>
    [JsonPropertyName("target")]
    public TypedObjectReference? Target { get; set; }

    /// <summary>The Addon and tasks used to restore the data.</summary>
    [JsonPropertyName("addonInfo")]
    public AddonInfo? AddonInfo { get; set; }
}
