using k8s.Models;

namespace KubeStash.LocalCluster.Workloads;

/// <summary>Reads a Job's state from its conditions, as kube's controllers and kubectl do.</summary>
public static class JobState
{
    public const string Complete = "Complete";
    public const string Failed = "Failed";
    public const string Suspended = "Suspended";

    /// <summary>"Complete", "Failed", or null while the Job is not finished.</summary>
    public static string? FinishedCondition(V1Job job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return job.Status?.Conditions?.FirstOrDefault(c => c.Type is Complete or Failed && c.Status == "True")?.Type;
    }

    public static bool IsFinished(V1Job job) => FinishedCondition(job) is not null;

    public static DateTimeOffset? FinishedAt(V1Job job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var condition = job.Status?.Conditions?.FirstOrDefault(c => c.Type is Complete or Failed && c.Status == "True");
        var at = job.Status?.CompletionTime ?? condition?.LastTransitionTime;
        return at is { } time ? new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)) : null;
    }
}
