using System.Text.Json.Serialization;
using KubeStash.Entities.Common;

namespace KubeStash.Entities.Storage;

/// <summary>How old Snapshots are cleaned up.</summary>
public sealed class RetentionPolicySpec
{
    /// <summary>
    /// How long Snapshots are kept; older ones are removed. Units: <c>y</c> years, <c>mo</c> months, <c>d</c> days,
    /// <c>h</c> hours, <c>m</c> minutes, combinable, e.g. <c>30d12h30m</c>.
    /// </summary>
    [JsonPropertyName("maxRetentionPeriod")]
    public string? MaxRetentionPeriod { get; set; }

    /// <summary>Which namespaces may use this RetentionPolicy; without it only its own namespace may.</summary>
    [JsonPropertyName("usagePolicy")]
    public UsagePolicy? UsagePolicy { get; set; }

    /// <summary>How many successful Snapshots to keep.</summary>
    [JsonPropertyName("successfulSnapshots")]
    public SuccessfulSnapshotsKeepPolicy? SuccessfulSnapshots { get; set; }

    /// <summary>How many failed Snapshots to keep.</summary>
    [JsonPropertyName("failedSnapshots")]
    public FailedSnapshotsKeepPolicy? FailedSnapshots { get; set; }

    /// <summary>Whether this is the default RetentionPolicy of its namespace and of the namespaces allowed to use it; a namespace has at most one.</summary>
    [JsonPropertyName("default")]
    public bool? Default { get; set; }
}
