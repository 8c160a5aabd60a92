using k8s.Models;

namespace KubeStash.LocalCluster.Workloads;

/// <summary>
/// kube's CronJob scheduling decision as a pure function: the most recent unmet schedule time since the last one
/// (or since creation), bounded by <c>startingDeadlineSeconds</c>, then <c>concurrencyPolicy</c> against the active Jobs.
/// </summary>
public static class CronJobPlanner
{
    /// <summary>Beyond this many missed schedules kube warns that the controller may have been down.</summary>
    public const int TooManyMissed = 100;

    /// <exception cref="FormatException">The CronJob's schedule or time zone is invalid.</exception>
    public static CronJobPlan Plan(V1CronJob cronJob, IReadOnlyList<V1Job> activeJobs, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(cronJob);
        ArgumentNullException.ThrowIfNull(activeJobs);
        var spec = cronJob.Spec ?? throw new FormatException($"CronJob {cronJob.Namespace()}/{cronJob.Name()} has no spec");
        var schedule = CronSchedule.Parse(spec.Schedule ?? string.Empty, spec.TimeZone);
        var next = schedule.Next(now);
        if (spec.Suspend == true)
        {
            return new CronJobPlan(null, [], "suspended", null);
        }

        var earliest = Utc(cronJob.Status?.LastScheduleTime) ?? Utc(cronJob.Metadata?.CreationTimestamp) ?? now;
        if (spec.StartingDeadlineSeconds is { } deadlineSeconds && now.AddSeconds(-deadlineSeconds) > earliest)
        {
            earliest = now.AddSeconds(-deadlineSeconds);
        }

        var scheduled = schedule.MostRecent(earliest, now);
        if (scheduled is null)
        {
            return new CronJobPlan(null, [], null, next);
        }

        var missed = schedule.CountBetween(earliest, now, TooManyMissed + 1);
        var tooMany = missed > TooManyMissed ? $"; {TooManyMissed}+ schedules were missed since {earliest:O}" : string.Empty;

        if (spec.StartingDeadlineSeconds is { } sds && scheduled.Value.AddSeconds(sds) < now)
        {
            return new CronJobPlan(null, [], $"missed starting window for {scheduled:O} (startingDeadlineSeconds={sds}){tooMany}", next);
        }

        var name = CronJobNaming.JobName(cronJob.Name(), scheduled.Value);
        if (activeJobs.Any(j => j.Name() == name))
        {
            return new CronJobPlan(null, [], $"job {name} for {scheduled:O} already exists", next);
        }

        switch (spec.ConcurrencyPolicy ?? "Allow")
        {
            case "Allow":
                return new CronJobPlan(scheduled, [], null, next);
            case "Forbid":
                return activeJobs.Count > 0
                    ? new CronJobPlan(null, [], $"concurrencyPolicy Forbid: {activeJobs.Count} job(s) still active{tooMany}", next)
                    : new CronJobPlan(scheduled, [], null, next);
            case "Replace":
                return new CronJobPlan(scheduled, activeJobs, null, next);
            default:
                throw new FormatException($"CronJob {cronJob.Namespace()}/{cronJob.Name()}: spec.concurrencyPolicy \"{spec.ConcurrencyPolicy}\" is not one of Allow, Forbid, Replace");
        }
    }

    private static DateTimeOffset? Utc(DateTime? time) =>
        time is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)) : null;
}
