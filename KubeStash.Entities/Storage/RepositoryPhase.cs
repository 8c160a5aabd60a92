using System.Text.Json.Serialization;

namespace KubeStash.Entities.Storage;

/// <summary>Current state of a Repository.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RepositoryPhase>))]
public enum RepositoryPhase
{
    /// <summary>The Repository is not initialised yet.</summary>
    NotReady,

    /// <summary>The Repository is initialised in its storage.</summary>
    Ready,
}
