using k8s.Models;
using KubeStash.Entities.Storage;
using KubeStash.Operator.Backup;
using KubeStash.Operator.Builders;

namespace KubeStash.Tests.Lifecycle;

/// <summary>The rules behind the controllers: names, durations, argument templating and retention.</summary>
public sealed class LifecycleRulesTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);

    [Test]
    public void Long_names_are_cut_with_a_stable_hash_and_short_ones_are_kept()
    {
        ObjectNames.TriggerCronJob("daily", "nightly").Should().Be("trigger-daily-nightly");
        var a = ObjectNames.TriggerCronJob("a-very-long-backup-configuration-name-for-tests", "session-one");
        var b = ObjectNames.TriggerCronJob("a-very-long-backup-configuration-name-for-tests", "session-two");
        a.Length.Should().BeLessThanOrEqualTo(ObjectNames.CronJobNameLimit);
        a.Should().NotBe(b).And.StartWith("trigger-a-very-long").And.MatchRegex("-[0-9a-f]{8}$");
        ObjectNames.TriggerCronJob("a-very-long-backup-configuration-name-for-tests", "session-one").Should().Be(a);
    }

    [TestCase("30m", 1800)]
    [TestCase("1h30m", 5400)]
    [TestCase("7d", 604800)]
    [TestCase("2w", 1209600)]
    [TestCase("2mo", 5184000)]
    [TestCase("1y", 31536000)]
    [TestCase("1.5h", 5400)]
    public void KubeStash_durations_parse(string text, long seconds)
    {
        KubeStashDuration.TryParse(text, out var duration).Should().BeTrue();
        duration.TotalSeconds.Should().Be(seconds);
    }

    [TestCase("")]
    [TestCase("5")]
    [TestCase("5x")]
    [TestCase("m5")]
    [TestCase("1h 30m")]
    public void Malformed_durations_are_refused(string text) => KubeStashDuration.TryParse(text, out _).Should().BeFalse();

    [Test]
    public void Function_arguments_take_values_then_defaults()
    {
        var values = new Dictionary<string, string> { ["namespace"] = "demo", ["IncludeResources"] = "pods" };
        ParameterSubstitution.Apply("--namespace=${namespace:=default}", values).Should().Be("--namespace=demo");
        ParameterSubstitution.Apply("--include-resources=${IncludeResources:=*}", values).Should().Be("--include-resources=pods");
        ParameterSubstitution.Apply("--exclude=${ExcludeResources:=}", values).Should().Be("--exclude=");
        ParameterSubstitution.Apply("--sanitize=${sanitize:=true}", values).Should().Be("--sanitize=true");
        ParameterSubstitution.Apply("${unknown}-$literal", values).Should().Be("-$literal");
    }

    private static Snapshot Snap(string name, SnapshotPhase phase, TimeSpan age) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Status = new SnapshotStatus { Phase = phase, SnapshotTime = Now - age },
    };

    [Test]
    public void Retention_keeps_the_last_successful_and_failed_snapshots_and_nothing_beyond_the_max_period()
    {
        var snapshots = new[]
        {
            Snap("s1", SnapshotPhase.Succeeded, TimeSpan.FromHours(1)),
            Snap("s2", SnapshotPhase.Succeeded, TimeSpan.FromHours(2)),
            Snap("s3", SnapshotPhase.Succeeded, TimeSpan.FromHours(3)),
            Snap("f1", SnapshotPhase.Failed, TimeSpan.FromHours(1.5)),
            Snap("f2", SnapshotPhase.Failed, TimeSpan.FromHours(2.5)),
            Snap("running", SnapshotPhase.Running, TimeSpan.FromDays(400)),
            Snap("ancient", SnapshotPhase.Succeeded, TimeSpan.FromDays(70)),
        };
        var policy = new RetentionPolicySpec
        {
            MaxRetentionPeriod = "2mo",
            SuccessfulSnapshots = new SuccessfulSnapshotsKeepPolicy { Last = 2 },
            FailedSnapshots = new FailedSnapshotsKeepPolicy { Last = 1 },
        };

        RetentionPolicyApplier.SelectForgotten(policy, snapshots, Now).Select(s => s.Metadata.Name).Should().BeEquivalentTo("s3", "f2", "ancient");
    }

    [Test]
    public void Retention_keeps_one_snapshot_per_day_for_daily_and_everything_without_a_successful_policy()
    {
        var snapshots = Enumerable.Range(0, 6).Select(i => Snap($"s{i}", SnapshotPhase.Succeeded, TimeSpan.FromHours(12 * i))).ToList();
        var daily = new RetentionPolicySpec { SuccessfulSnapshots = new SuccessfulSnapshotsKeepPolicy { Daily = 2 } };
        // s0 (today 12:00) and s1 (today 00:00) share a day; s2 is yesterday: keep s0 and s2.
        RetentionPolicyApplier.SelectForgotten(daily, snapshots, Now).Select(s => s.Metadata.Name).Should().BeEquivalentTo("s1", "s3", "s4", "s5");
        RetentionPolicyApplier.SelectForgotten(new RetentionPolicySpec(), snapshots, Now).Should().BeEmpty();
    }
}
