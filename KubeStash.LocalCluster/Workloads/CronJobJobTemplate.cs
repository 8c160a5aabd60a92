using k8s;
using k8s.Models;

namespace KubeStash.LocalCluster.Workloads;

/// <summary>The Job kube's CronJob controller (or <c>kubectl create job --from=cronjob/…</c>) makes from a CronJob.</summary>
public static class CronJobJobTemplate
{
    /// <param name="cronJob">The CronJob whose jobTemplate is copied.</param>
    /// <param name="scheduledTime">The schedule slot, or null for a manual run.</param>
    /// <param name="timeZone">The CronJob's time zone, in which the scheduled-timestamp annotation is written.</param>
    /// <param name="jobName">The Job's name; null gives a manual run the generated name <c>&lt;cronjob&gt;-manual-…</c>.</param>
    public static V1Job Build(V1CronJob cronJob, DateTimeOffset? scheduledTime, TimeZoneInfo timeZone, string? jobName = null)
    {
        ArgumentNullException.ThrowIfNull(cronJob);
        ArgumentNullException.ThrowIfNull(timeZone);
        var template = cronJob.Spec?.JobTemplate ?? throw new ArgumentException($"CronJob {cronJob.Namespace()}/{cronJob.Name()} has no spec.jobTemplate", nameof(cronJob));
        var annotations = new Dictionary<string, string>(template.Metadata?.Annotations ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        if (scheduledTime is { } scheduled)
        {
            annotations[CronJobNaming.ScheduledTimestampAnnotation] = CronJobNaming.ScheduledTimestamp(scheduled, timeZone);
        }
        else
        {
            annotations[CronJobNaming.InstantiateAnnotation] = "manual";
        }

        var name = jobName ?? (scheduledTime is { } s ? CronJobNaming.JobName(cronJob.Name(), s) : null);
        return new V1Job
        {
            ApiVersion = "batch/v1",
            Kind = "Job",
            Metadata = new V1ObjectMeta
            {
                Name = name,
                GenerateName = name is null ? cronJob.Name() + "-manual-" : null,
                NamespaceProperty = cronJob.Namespace(),
                Labels = template.Metadata?.Labels is { } labels ? new Dictionary<string, string>(labels) : null,
                Annotations = annotations,
                OwnerReferences =
                [
                    new V1OwnerReference
                    {
                        ApiVersion = "batch/v1",
                        Kind = "CronJob",
                        Name = cronJob.Name(),
                        Uid = cronJob.Uid(),
                        Controller = true,
                        BlockOwnerDeletion = true,
                    },
                ],
            },
            Spec = KubernetesJson.Deserialize<V1JobSpec>(KubernetesJson.Serialize(template.Spec)),
        };
    }

    public static bool IsOwnedBy(V1Job job, V1CronJob cronJob)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(cronJob);
        return job.Metadata?.OwnerReferences?.Any(o => o.Controller == true && o.Uid == cronJob.Uid()) == true;
    }
}
