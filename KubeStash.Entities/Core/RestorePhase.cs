using System.Text.Json.Serialization;

namespace KubeStash.Entities.Core;

/// <summary>State of a restore, or of one component of it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RestorePhase>))]
public enum RestorePhase
{
    /// <summary>Not started yet.</summary>
    Pending,

    /// <summary>In progress.</summary>
    Running,

    /// <summary>Completed successfully.</summary>
    Succeeded,

    /// <summary>Failed.</summary>
    Failed,

    /// <summary>The RestoreSession is invalid.</summary>
    Invalid,

    /// <summary>The state cannot be determined.</summary>
    Unknown,
}
