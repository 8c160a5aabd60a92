using System.Globalization;

namespace KubeStash.LocalCluster.Workloads;

/// <summary>Names and annotations kube's CronJob controller gives the Jobs it creates.</summary>
public static class CronJobNaming
{
    public const string ScheduledTimestampAnnotation = "batch.kubernetes.io/cronjob-scheduled-timestamp";
    public const string InstantiateAnnotation = "cronjob.kubernetes.io/instantiate";

    /// <summary><c>&lt;cronjob&gt;-&lt;scheduled time in minutes since the Unix epoch&gt;</c>, so one schedule slot yields one Job.</summary>
    public static string JobName(string cronJobName, DateTimeOffset scheduledTime)
    {
        ArgumentException.ThrowIfNullOrEmpty(cronJobName);
        return $"{cronJobName}-{(scheduledTime.ToUnixTimeSeconds() / 60).ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>RFC 3339 in the CronJob's time zone, as the scheduled-timestamp annotation carries it.</summary>
    public static string ScheduledTimestamp(DateTimeOffset scheduledTime, TimeZoneInfo timeZone)
    {
        ArgumentNullException.ThrowIfNull(timeZone);
        var local = TimeZoneInfo.ConvertTime(scheduledTime, timeZone);
        return local.Offset == TimeSpan.Zero
            ? local.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : local.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
    }
}
