using k8s.Models;

namespace KubeStash.LocalCluster.Workloads;

/// <summary>
/// Which finished Jobs of a CronJob to delete so that at most <c>successfulJobsHistoryLimit</c> (default 3) complete
/// and <c>failedJobsHistoryLimit</c> (default 1) failed ones remain, oldest going first.
/// </summary>
public static class JobHistory
{
    public const int DefaultSuccessfulLimit = 3;
    public const int DefaultFailedLimit = 1;

    public static IReadOnlyList<V1Job> SelectForDeletion(IEnumerable<V1Job> ownedJobs, int? successfulJobsHistoryLimit, int? failedJobsHistoryLimit)
    {
        ArgumentNullException.ThrowIfNull(ownedJobs);
        var jobs = ownedJobs.ToList();
        return
        [
            .. Oldest(jobs.Where(j => JobState.FinishedCondition(j) == JobState.Complete), successfulJobsHistoryLimit ?? DefaultSuccessfulLimit),
            .. Oldest(jobs.Where(j => JobState.FinishedCondition(j) == JobState.Failed), failedJobsHistoryLimit ?? DefaultFailedLimit),
        ];
    }

    private static IEnumerable<V1Job> Oldest(IEnumerable<V1Job> finished, int keep)
    {
        var ordered = finished
            .OrderBy(j => j.Status?.StartTime ?? j.Metadata?.CreationTimestamp ?? DateTime.MinValue)
            .ThenBy(j => j.Name(), StringComparer.Ordinal)
            .ToList();
        return ordered.Take(Math.Max(0, ordered.Count - Math.Max(0, keep)));
    }
}
