using k8s.Models;
using KubeStash.LocalCluster.Workloads;

namespace KubeStash.Tests.LocalCluster.Workloads;

public sealed class JobSyncPlannerTests
{
    private static readonly DateTimeOffset Now = new(2026, 2, 1, 12, 0, 0, TimeSpan.Zero);

    private static V1Job Job(Action<V1JobSpec>? configure = null, V1JobStatus? status = null)
    {
        var spec = new V1JobSpec
        {
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "dump" } },
                Spec = new V1PodSpec { RestartPolicy = "Never", Containers = [new V1Container { Name = "c", Image = "busybox" }] },
            },
        };
        configure?.Invoke(spec);
        return new V1Job
        {
            Metadata = new V1ObjectMeta { Name = "backup", NamespaceProperty = "demo", Uid = "job-uid" },
            Spec = spec,
            Status = status,
        };
    }

    private static V1Pod Pod(string name, string phase, int finishedSecondsAgo = 60, int restarts = 0) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, CreationTimestamp = Now.AddSeconds(-finishedSecondsAgo - 5).UtcDateTime },
        Status = new V1PodStatus
        {
            Phase = phase,
            ContainerStatuses =
            [
                new V1ContainerStatus
                {
                    Name = "c",
                    RestartCount = restarts,
                    State = phase is "Succeeded" or "Failed"
                        ? new V1ContainerState { Terminated = new V1ContainerStateTerminated { ExitCode = phase == "Failed" ? 3 : 0, FinishedAt = Now.AddSeconds(-finishedSecondsAgo).UtcDateTime } }
                        : new V1ContainerState { Running = new V1ContainerStateRunning() },
                },
            ],
        },
    };

    [Test]
    public void A_new_job_starts_and_creates_its_first_pod()
    {
        var plan = JobSyncPlanner.Plan(Job(), [], Now, TimeSpan.FromSeconds(10));

        plan.PodsToCreate.Should().Be(1);
        plan.Status.StartTime.Should().Be(Now.UtcDateTime);
        plan.Status.Active.Should().Be(1);
        plan.Status.Conditions.Should().BeEmpty();
    }

    [Test]
    public void Built_pod_has_job_labels_owner_and_generated_name()
    {
        var pod = JobPodTemplate.Build(Job());

        pod.Metadata.GenerateName.Should().Be("backup-");
        pod.Metadata.Labels.Should().Contain(new Dictionary<string, string>
        {
            ["app"] = "dump",
            ["job-name"] = "backup",
            ["batch.kubernetes.io/job-name"] = "backup",
            ["controller-uid"] = "job-uid",
            ["batch.kubernetes.io/controller-uid"] = "job-uid",
        });
        pod.Metadata.OwnerReferences.Should().ContainSingle(o => o.Kind == "Job" && o.ApiVersion == "batch/v1" && o.Uid == "job-uid" && o.Controller == true && o.BlockOwnerDeletion == true);
        pod.Spec.Containers.Should().ContainSingle(c => c.Image == "busybox");
    }

    [Test]
    public void A_running_pod_is_counted_and_not_duplicated()
    {
        var plan = JobSyncPlanner.Plan(Job(), [Pod("backup-a", "Running")], Now, TimeSpan.Zero);

        plan.PodsToCreate.Should().Be(0);
        plan.Status.Active.Should().Be(1);
    }

    [Test]
    public void A_succeeded_pod_completes_the_job()
    {
        var plan = JobSyncPlanner.Plan(Job(), [Pod("backup-a", "Succeeded")], Now, TimeSpan.Zero);

        plan.Status.Succeeded.Should().Be(1);
        plan.Status.Active.Should().Be(0);
        plan.Status.CompletionTime.Should().Be(Now.UtcDateTime);
        plan.Status.Conditions.Should().ContainSingle(c => c.Type == "Complete" && c.Status == "True");
        plan.PodsToCreate.Should().Be(0);
    }

    [Test]
    public void Failures_within_the_backoff_limit_are_retried_after_the_backoff()
    {
        var job = Job(s => s.BackoffLimit = 2);
        var failed = new[] { Pod("backup-a", "Failed", finishedSecondsAgo: 5) };

        var waiting = JobSyncPlanner.Plan(job, failed, Now, TimeSpan.FromSeconds(10));
        var retrying = JobSyncPlanner.Plan(job, failed, Now.AddSeconds(6), TimeSpan.FromSeconds(10));

        waiting.PodsToCreate.Should().Be(0);
        waiting.RequeueAt.Should().Be(Now.AddSeconds(5));
        waiting.Status.Failed.Should().Be(1);
        retrying.PodsToCreate.Should().Be(1);
    }

    [Test]
    public void Failures_beyond_the_backoff_limit_fail_the_job()
    {
        var job = Job(s => s.BackoffLimit = 1);
        var pods = new[] { Pod("backup-a", "Failed"), Pod("backup-b", "Failed") };

        var plan = JobSyncPlanner.Plan(job, pods, Now, TimeSpan.Zero);

        plan.Status.Failed.Should().Be(2);
        plan.Status.Conditions.Should().ContainSingle(c => c.Type == "Failed" && c.Reason == "BackoffLimitExceeded");
        plan.PodsToCreate.Should().Be(0);
    }

    [Test]
    public void Restarts_under_OnFailure_count_against_the_backoff_limit()
    {
        var job = Job(s =>
        {
            s.BackoffLimit = 2;
            s.Template.Spec.RestartPolicy = "OnFailure";
        });
        var pod = Pod("backup-a", "Running", restarts: 2);

        var plan = JobSyncPlanner.Plan(job, [pod], Now, TimeSpan.Zero);

        plan.Status.Conditions.Should().ContainSingle(c => c.Type == "Failed" && c.Reason == "BackoffLimitExceeded");
        plan.PodsToDelete.Should().ContainSingle().Which.Should().BeSameAs(pod);
    }

    [Test]
    public void Active_deadline_kills_running_pods_and_fails_the_job()
    {
        var job = Job(s => s.ActiveDeadlineSeconds = 30, new V1JobStatus { StartTime = Now.AddSeconds(-31).UtcDateTime });
        var pod = Pod("backup-a", "Running");

        var plan = JobSyncPlanner.Plan(job, [pod], Now, TimeSpan.Zero);
        var before = JobSyncPlanner.Plan(job, [pod], Now.AddSeconds(-2), TimeSpan.Zero);

        plan.PodsToDelete.Should().ContainSingle().Which.Should().BeSameAs(pod);
        plan.Status.Conditions.Should().ContainSingle(c => c.Type == "Failed" && c.Reason == "DeadlineExceeded");
        before.Status.Conditions.Should().BeEmpty();
        before.RequeueAt.Should().Be(Now.AddSeconds(-1));
    }

    [Test]
    public void Suspend_deletes_active_pods_and_resume_restarts_the_clock()
    {
        var pod = Pod("backup-a", "Running");
        var suspended = JobSyncPlanner.Plan(Job(s => s.Suspend = true, new V1JobStatus { StartTime = Now.AddHours(-1).UtcDateTime }), [pod], Now, TimeSpan.Zero);

        suspended.PodsToDelete.Should().ContainSingle();
        suspended.PodsToCreate.Should().Be(0);
        suspended.Status.Conditions.Should().ContainSingle(c => c.Type == "Suspended" && c.Status == "True" && c.Reason == "JobSuspended");

        var resumed = JobSyncPlanner.Plan(Job(null, suspended.Status), [], Now.AddMinutes(5), TimeSpan.Zero);

        resumed.Status.Conditions.Should().ContainSingle(c => c.Type == "Suspended" && c.Status == "False" && c.Reason == "JobResumed");
        resumed.Status.StartTime.Should().Be(Now.AddMinutes(5).UtcDateTime);
        resumed.PodsToCreate.Should().Be(1);
    }

    [Test]
    public void Parallelism_and_completions_bound_the_active_pods()
    {
        var job = Job(s =>
        {
            s.Parallelism = 3;
            s.Completions = 4;
        });

        var start = JobSyncPlanner.Plan(job, [], Now, TimeSpan.Zero);
        var nearlyDone = JobSyncPlanner.Plan(job, [Pod("a", "Succeeded"), Pod("b", "Succeeded"), Pod("c", "Succeeded"), Pod("d", "Running")], Now, TimeSpan.Zero);

        start.PodsToCreate.Should().Be(3);
        nearlyDone.PodsToCreate.Should().Be(0);
        nearlyDone.Status.Succeeded.Should().Be(3);
        nearlyDone.Status.Conditions.Should().BeEmpty();
    }

    [Test]
    public void Counts_never_go_down_when_finished_pods_disappear()
    {
        var job = Job(s => s.BackoffLimit = 5, new V1JobStatus { StartTime = Now.UtcDateTime, Failed = 2 });

        var plan = JobSyncPlanner.Plan(job, [], Now, TimeSpan.Zero);

        plan.Status.Failed.Should().Be(2);
    }

    [Test]
    public void Finished_job_is_deleted_once_its_ttl_has_passed()
    {
        var finishedAt = Now.AddSeconds(-100).UtcDateTime;
        var status = new V1JobStatus
        {
            StartTime = finishedAt,
            CompletionTime = finishedAt,
            Succeeded = 1,
            Conditions = [new V1JobCondition { Type = "Complete", Status = "True", LastTransitionTime = finishedAt }],
        };

        JobSyncPlanner.Plan(Job(s => s.TtlSecondsAfterFinished = 60, status), [], Now, TimeSpan.Zero).DeleteJob.Should().BeTrue();
        var early = JobSyncPlanner.Plan(Job(s => s.TtlSecondsAfterFinished = 300, status), [], Now, TimeSpan.Zero);
        early.DeleteJob.Should().BeFalse();
        early.RequeueAt.Should().Be(Now.AddSeconds(200));
        JobSyncPlanner.Plan(Job(null, status), [], Now, TimeSpan.Zero).DeleteJob.Should().BeFalse();
    }

    [TestCase(1, 10)]
    [TestCase(2, 20)]
    [TestCase(4, 80)]
    [TestCase(30, 360)]
    public void Retry_delay_doubles_up_to_six_minutes(int failures, int seconds)
    {
        JobSyncPlanner.RetryDelay(TimeSpan.FromSeconds(10), failures).Should().Be(TimeSpan.FromSeconds(seconds));
    }
}
