using k8s;
using k8s.Models;

namespace KubeStash.LocalCluster.Workloads;

/// <summary>
/// kube's Job controller decision for non-indexed Jobs as a pure function of the Job, its pods and the time:
/// start, suspend/resume, <c>activeDeadlineSeconds</c>, <c>backoffLimit</c> (failed pods, and container restarts
/// under restartPolicy OnFailure), completions/parallelism, retry backoff, and <c>ttlSecondsAfterFinished</c>.
/// Counts come from the pods that still exist and never go down, so deleting a finished pod loses no history.
/// </summary>
public static class JobSyncPlanner
{
    public const int DefaultBackoffLimit = 6;
    public const string BackoffLimitExceeded = "BackoffLimitExceeded";
    public const string DeadlineExceeded = "DeadlineExceeded";
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMinutes(6);

    public static JobSyncPlan Plan(V1Job job, IReadOnlyList<V1Pod> pods, DateTimeOffset now, TimeSpan retryBackoff)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(pods);
        now = Truncate(now);
        var spec = job.Spec ?? throw new ArgumentException($"Job {job.Namespace()}/{job.Name()} has no spec", nameof(job));
        var status = job.Status is null ? new V1JobStatus() : KubernetesJson.Deserialize<V1JobStatus>(KubernetesJson.Serialize(job.Status));
        status.Conditions ??= [];

        var active = pods.Where(IsActive).ToList();
        var succeededPods = pods.Count(p => p.Status?.Phase == "Succeeded");
        var failedPods = pods.Where(p => p.Status?.Phase == "Failed").ToList();
        status.Succeeded = Math.Max(status.Succeeded ?? 0, succeededPods);
        status.Failed = Math.Max(status.Failed ?? 0, failedPods.Count);

        if (JobState.FinishedCondition(job) is not null)
        {
            status.Active = 0;
            status.Ready = 0;
            return Finished(job, status, active, now);
        }

        if (spec.Suspend == true)
        {
            SetCondition(status, JobState.Suspended, "True", "JobSuspended", "Job suspended", now);
            status.Active = 0;
            status.Ready = 0;
            return new JobSyncPlan(0, active, status, null, false);
        }

        if (status.Conditions.Any(c => c.Type == JobState.Suspended && c.Status == "True"))
        {
            // Resuming restarts the clock that activeDeadlineSeconds measures.
            SetCondition(status, JobState.Suspended, "False", "JobResumed", "Job resumed", now);
            status.StartTime = now.UtcDateTime;
        }

        status.StartTime ??= now.UtcDateTime;
        var startTime = new DateTimeOffset(DateTime.SpecifyKind(status.StartTime.Value, DateTimeKind.Utc));

        var backoffLimit = spec.BackoffLimit ?? DefaultBackoffLimit;
        if (status.Failed > backoffLimit || PastBackoffLimitOnFailure(spec, active, backoffLimit))
        {
            return Fail(status, active, BackoffLimitExceeded, "Job has reached the specified backoff limit", now);
        }

        DateTimeOffset? deadline = spec.ActiveDeadlineSeconds is { } ads ? startTime.AddSeconds(ads) : null;
        if (deadline is { } d && now >= d)
        {
            return Fail(status, active, DeadlineExceeded, "Job was active longer than specified deadline", now);
        }

        var parallelism = Math.Max(0, spec.Parallelism ?? 1);
        var succeeded = status.Succeeded.Value;
        if (spec.Completions is { } completions ? succeeded >= completions : succeeded > 0 && active.Count == 0)
        {
            status.Active = 0;
            status.Ready = 0;
            status.CompletionTime = now.UtcDateTime;
            SetCondition(status, JobState.Complete, "True", null, null, now);
            return Finished(job, status, [], now, justFinished: true);
        }

        var wanted = spec.Completions is { } c ? Math.Min(parallelism, c - succeeded) : succeeded > 0 ? 0 : parallelism;
        var toDelete = active.Count > wanted
            ? active.OrderByDescending(p => p.Metadata?.CreationTimestamp).Take(active.Count - wanted).ToList()
            : [];
        var toCreate = Math.Max(0, wanted - active.Count);
        DateTimeOffset? requeue = deadline;

        if (toCreate > 0 && failedPods.Count > 0)
        {
            var retryAt = LastFailure(failedPods) + RetryDelay(retryBackoff, failedPods.Count);
            if (now < retryAt)
            {
                toCreate = 0;
                requeue = Earliest(requeue, retryAt);
            }
        }

        status.Active = active.Count - toDelete.Count + toCreate;
        status.Ready = active.Except(toDelete).Count(IsReady);
        return new JobSyncPlan(toCreate, toDelete, status, requeue, false);
    }

    private static JobSyncPlan Fail(V1JobStatus status, List<V1Pod> active, string reason, string message, DateTimeOffset now)
    {
        status.Active = 0;
        status.Ready = 0;
        SetCondition(status, JobState.Failed, "True", reason, message, now);
        // kube leaves completionTime unset for failed Jobs; TTL counts from the Failed condition.
        return new JobSyncPlan(0, active, status, null, false);
    }

    private static JobSyncPlan Finished(V1Job job, V1JobStatus status, List<V1Pod> active, DateTimeOffset now, bool justFinished = false)
    {
        if (job.Spec.TtlSecondsAfterFinished is not { } ttl)
        {
            return new JobSyncPlan(0, active, status, null, false);
        }

        var finishedAt = justFinished ? now : JobState.FinishedAt(job) ?? now;
        var expiry = finishedAt.AddSeconds(ttl);
        return now >= expiry
            ? new JobSyncPlan(0, active, status, null, true)
            : new JobSyncPlan(0, active, status, expiry, false);
    }

    private static bool PastBackoffLimitOnFailure(V1JobSpec spec, List<V1Pod> active, int backoffLimit)
    {
        if (spec.Template?.Spec?.RestartPolicy != "OnFailure")
        {
            return false;
        }

        var restarts = active.Sum(p =>
            (p.Status?.InitContainerStatuses ?? []).Sum(s => s.RestartCount) + (p.Status?.ContainerStatuses ?? []).Sum(s => s.RestartCount));
        return backoffLimit == 0 ? restarts > 0 : restarts >= backoffLimit;
    }

    private static DateTimeOffset LastFailure(List<V1Pod> failedPods) =>
        failedPods.Max(p =>
            (p.Status?.ContainerStatuses ?? []).Select(s => s.State?.Terminated?.FinishedAt).Where(t => t.HasValue).Max()
            ?? p.Metadata?.CreationTimestamp
            ?? DateTime.MinValue) is var latest && latest != DateTime.MinValue
            ? new DateTimeOffset(DateTime.SpecifyKind(latest, DateTimeKind.Utc))
            : DateTimeOffset.MinValue;

    /// <summary>kube waits base × 2^(failures−1) before replacing a failed pod, capped at six minutes.</summary>
    public static TimeSpan RetryDelay(TimeSpan retryBackoff, int failures)
    {
        if (failures <= 0 || retryBackoff <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        var factor = Math.Pow(2, Math.Min(failures - 1, 20));
        var delay = TimeSpan.FromTicks((long)Math.Min(retryBackoff.Ticks * factor, MaxRetryDelay.Ticks));
        return delay;
    }

    public static bool IsActive(V1Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        return pod.Status?.Phase is not ("Succeeded" or "Failed") && pod.Metadata?.DeletionTimestamp is null;
    }

    private static bool IsReady(V1Pod pod) =>
        pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;

    private static void SetCondition(V1JobStatus status, string type, string value, string? reason, string? message, DateTimeOffset now)
    {
        var existing = status.Conditions.FirstOrDefault(c => c.Type == type);
        if (existing is not null && existing.Status == value && existing.Reason == reason)
        {
            return;
        }

        if (existing is not null)
        {
            status.Conditions.Remove(existing);
        }

        status.Conditions.Add(new V1JobCondition
        {
            Type = type,
            Status = value,
            Reason = reason,
            Message = message,
            LastProbeTime = now.UtcDateTime,
            LastTransitionTime = now.UtcDateTime,
        });
    }

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset b) => a is { } x && x < b ? x : b;

    /// <summary>API times have whole seconds; comparing against them needs the same precision.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset time) =>
        new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}
