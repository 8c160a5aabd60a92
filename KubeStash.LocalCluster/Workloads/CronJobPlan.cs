using k8s.Models;

namespace KubeStash.LocalCluster.Workloads;

/// <summary>
/// What one sync of a CronJob should do: create the Job for <see cref="ScheduledTime"/> (after deleting
/// <see cref="JobsToReplace"/>), or nothing and why; and when to look again.
/// </summary>
public sealed record CronJobPlan(
    DateTimeOffset? ScheduledTime,
    IReadOnlyList<V1Job> JobsToReplace,
    string? SkipReason,
    DateTimeOffset? NextWake);
