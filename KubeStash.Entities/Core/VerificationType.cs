using System.Text.Json.Serialization;

namespace KubeStash.Entities.Core;

/// <summary>How backed-up data is verified.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<VerificationType>))]
public enum VerificationType
{
    /// <summary>Restore the data with the strategy's tasks; a successful restore verifies it.</summary>
    RestoreOnly,

    /// <summary>Restore the data, then check that files exist (for workloads).</summary>
    File,

    /// <summary>Restore the data, then run queries against it (for databases).</summary>
    Query,

    /// <summary>Restore the data, then run a script against it.</summary>
    Script,
}
