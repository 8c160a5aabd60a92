using System.Text.Json.Serialization;

namespace KubeStash.Tests.Generation.Samples;

/// <summary>How a widget runs.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WidgetMode>))]
public enum WidgetMode
{
    /// <summary>Runs now and then.</summary>
    Lazy,

    /// <summary>Runs all the time.</summary>
    [JsonStringEnumMemberName("always-on")]
    AlwaysOn,
}
