using System.Text.Json.Serialization;

namespace KubeStash.Entities.Core;

/// <summary>How pod completions of a Job are tracked.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CompletionMode>))]
public enum CompletionMode
{
    /// <summary>The Job completes after <c>completions</c> successful pods (the default).</summary>
    NonIndexed,

    /// <summary>Each pod gets a completion index; the Job completes when every index succeeded once.</summary>
    Indexed,
}
