using System.Text.Json.Serialization;

namespace KubeStash.Entities.Core;

/// <summary>How concurrent runs of the backup-triggering CronJob are treated.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ConcurrencyPolicy>))]
public enum ConcurrencyPolicy
{
    /// <summary>Runs may overlap (the default).</summary>
    Allow,

    /// <summary>A run is skipped while the previous one is still running.</summary>
    Forbid,

    /// <summary>A new run replaces the one still running.</summary>
    Replace,
}
