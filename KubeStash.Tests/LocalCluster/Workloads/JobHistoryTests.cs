using k8s.Models;
using KubeStash.LocalCluster.Workloads;

namespace KubeStash.Tests.LocalCluster.Workloads;

public sealed class JobHistoryTests
{
    private static readonly DateTime T0 = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static V1Job Job(string name, int minute, string? condition) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, CreationTimestamp = T0.AddMinutes(minute) },
        Status = new V1JobStatus
        {
            StartTime = T0.AddMinutes(minute),
            Conditions = condition is null ? null : [new V1JobCondition { Type = condition, Status = "True" }],
        },
    };

    [Test]
    public void Oldest_finished_jobs_beyond_the_limits_are_deleted_and_running_ones_kept()
    {
        var jobs = new[]
        {
            Job("ok-1", 1, "Complete"), Job("ok-2", 2, "Complete"), Job("ok-3", 3, "Complete"), Job("ok-4", 4, "Complete"),
            Job("bad-1", 5, "Failed"), Job("bad-2", 6, "Failed"),
            Job("running", 0, null),
        };

        var doomed = JobHistory.SelectForDeletion(jobs, successfulJobsHistoryLimit: 2, failedJobsHistoryLimit: 1);

        doomed.Select(j => j.Name()).Should().BeEquivalentTo("ok-1", "ok-2", "bad-1");
    }

    [Test]
    public void Defaults_keep_three_successful_and_one_failed()
    {
        var jobs = Enumerable.Range(1, 5).Select(i => Job($"ok-{i}", i, "Complete"))
            .Concat(Enumerable.Range(1, 3).Select(i => Job($"bad-{i}", i, "Failed")));

        var doomed = JobHistory.SelectForDeletion(jobs, null, null);

        doomed.Select(j => j.Name()).Should().BeEquivalentTo("ok-1", "ok-2", "bad-1", "bad-2");
    }

    [Test]
    public void Zero_limit_deletes_every_finished_job_of_that_kind()
    {
        var jobs = new[] { Job("ok-1", 1, "Complete"), Job("bad-1", 2, "Failed") };

        JobHistory.SelectForDeletion(jobs, 0, 5).Select(j => j.Name()).Should().Equal("ok-1");
    }

    [Test]
    public void A_false_condition_is_not_finished()
    {
        var job = Job("x", 1, null);
        job.Status.Conditions = [new V1JobCondition { Type = "Failed", Status = "False" }];

        JobState.IsFinished(job).Should().BeFalse();
        JobHistory.SelectForDeletion([job], 0, 0).Should().BeEmpty();
    }
}
