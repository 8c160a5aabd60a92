using k8s.Models;
using KubeStash.LocalCluster.Workloads;

namespace KubeStash.Tests.LocalCluster.Workloads;

public sealed class CronJobPlannerTests
{
    private static readonly DateTimeOffset Created = new(2026, 3, 1, 10, 0, 20, TimeSpan.Zero);

    private static V1CronJob CronJob(string schedule, Action<V1CronJobSpec>? configure = null, DateTime? lastSchedule = null)
    {
        var spec = new V1CronJobSpec { Schedule = schedule, JobTemplate = new V1JobTemplateSpec { Spec = new V1JobSpec() } };
        configure?.Invoke(spec);
        return new V1CronJob
        {
            Metadata = new V1ObjectMeta { Name = "nightly", NamespaceProperty = "demo", Uid = "cj-uid", CreationTimestamp = Created.UtcDateTime },
            Spec = spec,
            Status = new V1CronJobStatus { LastScheduleTime = lastSchedule },
        };
    }

    private static V1Job ActiveJob(string name) => new() { Metadata = new V1ObjectMeta { Name = name }, Status = new V1JobStatus { Active = 1 } };

    [Test]
    public void Nothing_is_due_before_the_first_slot_after_creation()
    {
        var plan = CronJobPlanner.Plan(CronJob("*/5 * * * *"), [], Created.AddMinutes(2));

        plan.ScheduledTime.Should().BeNull();
        plan.SkipReason.Should().BeNull();
        plan.NextWake.Should().Be(new DateTimeOffset(2026, 3, 1, 10, 5, 0, TimeSpan.Zero));
    }

    [Test]
    public void The_most_recent_missed_slot_is_scheduled_once()
    {
        var now = new DateTimeOffset(2026, 3, 1, 10, 17, 30, TimeSpan.Zero);

        var plan = CronJobPlanner.Plan(CronJob("*/5 * * * *"), [], now);

        plan.ScheduledTime.Should().Be(new DateTimeOffset(2026, 3, 1, 10, 15, 0, TimeSpan.Zero));
        plan.NextWake.Should().Be(new DateTimeOffset(2026, 3, 1, 10, 20, 0, TimeSpan.Zero));
        CronJobPlanner.Plan(CronJob("*/5 * * * *", lastSchedule: plan.ScheduledTime!.Value.UtcDateTime), [], now).ScheduledTime.Should().BeNull();
    }

    [Test]
    public void A_slot_older_than_the_starting_deadline_is_skipped()
    {
        var now = new DateTimeOffset(2026, 3, 1, 10, 17, 30, TimeSpan.Zero);

        var late = CronJobPlanner.Plan(CronJob("*/5 * * * *", s => s.StartingDeadlineSeconds = 60), [], now);
        var inTime = CronJobPlanner.Plan(CronJob("*/5 * * * *", s => s.StartingDeadlineSeconds = 300), [], now);

        late.ScheduledTime.Should().BeNull();
        inTime.ScheduledTime.Should().Be(new DateTimeOffset(2026, 3, 1, 10, 15, 0, TimeSpan.Zero));
    }

    [Test]
    public void Suspended_cronjob_schedules_nothing()
    {
        var plan = CronJobPlanner.Plan(CronJob("* * * * *", s => s.Suspend = true), [], Created.AddHours(1));

        plan.ScheduledTime.Should().BeNull();
        plan.SkipReason.Should().Be("suspended");
    }

    [Test]
    public void Forbid_skips_while_a_job_is_active_and_Replace_replaces_it()
    {
        var now = Created.AddMinutes(3);
        var running = ActiveJob("nightly-1");

        var forbid = CronJobPlanner.Plan(CronJob("* * * * *", s => s.ConcurrencyPolicy = "Forbid"), [running], now);
        var replace = CronJobPlanner.Plan(CronJob("* * * * *", s => s.ConcurrencyPolicy = "Replace"), [running], now);
        var allow = CronJobPlanner.Plan(CronJob("* * * * *"), [running], now);

        forbid.ScheduledTime.Should().BeNull();
        forbid.SkipReason.Should().Contain("Forbid");
        replace.ScheduledTime.Should().NotBeNull();
        replace.JobsToReplace.Should().ContainSingle().Which.Should().BeSameAs(running);
        allow.ScheduledTime.Should().NotBeNull();
        allow.JobsToReplace.Should().BeEmpty();
    }

    [Test]
    public void Unknown_concurrency_policy_is_an_error_naming_the_field()
    {
        var act = () => CronJobPlanner.Plan(CronJob("* * * * *", s => s.ConcurrencyPolicy = "Sometimes"), [], Created.AddMinutes(3));

        act.Should().Throw<FormatException>().WithMessage("*spec.concurrencyPolicy*Sometimes*");
    }

    [Test]
    public void Time_zone_field_shifts_the_schedule()
    {
        // 02:00 in Berlin (UTC+1 in March before DST) is 01:00 UTC.
        var now = new DateTimeOffset(2026, 3, 2, 1, 30, 0, TimeSpan.Zero);

        var plan = CronJobPlanner.Plan(CronJob("0 2 * * *", s => s.TimeZone = "Europe/Berlin"), [], now);

        plan.ScheduledTime.Should().Be(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));
    }

    [Test]
    public void Job_name_is_the_scheduled_time_in_minutes_since_the_epoch()
    {
        var scheduled = new DateTimeOffset(2026, 3, 1, 10, 15, 0, TimeSpan.Zero);

        CronJobNaming.JobName("nightly", scheduled).Should().Be($"nightly-{scheduled.ToUnixTimeSeconds() / 60}");
        CronJobNaming.JobName("nightly", scheduled).Should().Be("nightly-29539335");
    }

    [Test]
    public void Scheduled_timestamp_annotation_is_rfc3339_in_the_cronjob_zone()
    {
        var scheduled = new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero);

        CronJobNaming.ScheduledTimestamp(scheduled, TimeZoneInfo.Utc).Should().Be("2026-03-02T01:00:00Z");
        CronJobNaming.ScheduledTimestamp(scheduled, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")).Should().Be("2026-03-02T02:00:00+01:00");
    }

    [Test]
    public void Scheduled_job_carries_template_owner_and_annotation()
    {
        var cronJob = CronJob("0 2 * * *");
        cronJob.Spec.JobTemplate.Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "x" } };
        cronJob.Spec.JobTemplate.Spec.BackoffLimit = 2;
        var scheduled = new DateTimeOffset(2026, 3, 2, 2, 0, 0, TimeSpan.Zero);

        var job = CronJobJobTemplate.Build(cronJob, scheduled, TimeZoneInfo.Utc);
        var manual = CronJobJobTemplate.Build(cronJob, null, TimeZoneInfo.Utc);

        job.Metadata.Name.Should().Be(CronJobNaming.JobName("nightly", scheduled));
        job.Metadata.Labels.Should().Contain("app", "x");
        job.Metadata.Annotations.Should().Contain(CronJobNaming.ScheduledTimestampAnnotation, "2026-03-02T02:00:00Z");
        job.Metadata.OwnerReferences.Should().ContainSingle(o => o.Kind == "CronJob" && o.Uid == "cj-uid" && o.Controller == true);
        job.Spec.BackoffLimit.Should().Be(2);
        manual.Metadata.Name.Should().BeNull();
        manual.Metadata.GenerateName.Should().Be("nightly-manual-");
        manual.Metadata.Annotations.Should().Contain(CronJobNaming.InstantiateAnnotation, "manual");
    }
}
