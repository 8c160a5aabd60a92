using KubeStash.LocalCluster.Workloads;

namespace KubeStash.Tests.LocalCluster.Workloads;

public sealed class CronScheduleTests
{
    private static readonly DateTimeOffset Noonish = new(2026, 6, 10, 12, 34, 56, TimeSpan.Zero);

    [TestCase("@hourly", "2026-06-10T13:00:00Z")]
    [TestCase("@daily", "2026-06-11T00:00:00Z")]
    [TestCase("@midnight", "2026-06-11T00:00:00Z")]
    [TestCase("@weekly", "2026-06-14T00:00:00Z")]
    [TestCase("@monthly", "2026-07-01T00:00:00Z")]
    [TestCase("@yearly", "2027-01-01T00:00:00Z")]
    [TestCase("@annually", "2027-01-01T00:00:00Z")]
    [TestCase("*/15 * * * *", "2026-06-10T12:45:00Z")]
    [TestCase("0 9 * * MON-FRI", "2026-06-11T09:00:00Z")]
    public void Next_occurrence_in_utc(string schedule, string expected)
    {
        CronSchedule.Parse(schedule, null).Next(Noonish).Should().Be(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));
    }

    [TestCase("CRON_TZ=America/New_York 0 9 * * *")]
    [TestCase("TZ=America/New_York 0 9 * * *")]
    public void Time_zone_prefix_is_honoured(string schedule)
    {
        // 09:00 in New York during daylight saving time is 13:00 UTC.
        CronSchedule.Parse(schedule, null).Next(Noonish).Should().Be(new DateTimeOffset(2026, 6, 10, 13, 0, 0, TimeSpan.Zero));
    }

    [Test]
    public void Time_zone_field_is_honoured()
    {
        CronSchedule.Parse("0 9 * * *", "Asia/Tokyo").Next(Noonish).Should().Be(new DateTimeOffset(2026, 6, 11, 0, 0, 0, TimeSpan.Zero));
    }

    [TestCase("* * * *", null, "*5 fields*")]
    [TestCase("* * * * * *", null, "*5 fields*")]
    [TestCase("@every 5m", null, "*unsupported macro*")]
    [TestCase("61 * * * *", null, "*spec.schedule*")]
    [TestCase("0 * * * *", "Mars/Olympus", "*spec.timeZone*Mars/Olympus*")]
    [TestCase("CRON_TZ=Nowhere/City 0 * * * *", null, "*spec.schedule*Nowhere/City*")]
    [TestCase("CRON_TZ=UTC 0 * * * *", "Europe/Berlin", "*must not carry*spec.timeZone*")]
    public void Invalid_schedules_are_errors_naming_the_field(string schedule, string? timeZone, string message)
    {
        var act = () => CronSchedule.Parse(schedule, timeZone);

        act.Should().Throw<FormatException>().WithMessage(message);
    }

    [Test]
    public void Most_recent_is_inclusive_of_now_and_exclusive_of_after()
    {
        var schedule = CronSchedule.Parse("*/10 * * * *", null);
        var slot = new DateTimeOffset(2026, 6, 10, 12, 30, 0, TimeSpan.Zero);

        schedule.MostRecent(slot.AddMinutes(-25), slot).Should().Be(slot);
        schedule.MostRecent(slot, slot.AddMinutes(5)).Should().BeNull();
        schedule.CountBetween(slot.AddHours(-1), slot, 100).Should().Be(6);
    }
}
