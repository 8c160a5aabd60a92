using Cronos;

namespace KubeStash.LocalCluster.Workloads;

/// <summary>
/// A CronJob's <c>schedule</c> read as kube's controller reads it: five fields or a macro (@yearly, @annually,
/// @monthly, @weekly, @daily, @midnight, @hourly), in the time zone named by <c>spec.timeZone</c> or by a
/// <c>CRON_TZ=</c> / <c>TZ=</c> prefix (UTC otherwise; both at once is an error).
/// </summary>
public sealed class CronSchedule
{
    private static readonly string[] KubernetesMacros = ["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"];

    private readonly CronExpression _expression;

    private CronSchedule(CronExpression expression, TimeZoneInfo timeZone)
    {
        _expression = expression;
        TimeZone = timeZone;
    }

    public TimeZoneInfo TimeZone { get; }

    /// <exception cref="FormatException">The schedule or time zone is not valid; the message names the field.</exception>
    public static CronSchedule Parse(string schedule, string? timeZone)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var text = schedule.Trim();
        string? prefixZone = null;
        if (text.StartsWith("CRON_TZ=", StringComparison.Ordinal) || text.StartsWith("TZ=", StringComparison.Ordinal))
        {
            var space = text.IndexOf(' ', StringComparison.Ordinal);
            if (space < 0)
            {
                throw new FormatException($"spec.schedule \"{schedule}\" has a time zone prefix but no schedule");
            }

            prefixZone = text[(text.IndexOf('=', StringComparison.Ordinal) + 1)..space];
            text = text[(space + 1)..].Trim();
            if (!string.IsNullOrEmpty(timeZone))
            {
                throw new FormatException($"spec.schedule \"{schedule}\" must not carry a TZ or CRON_TZ prefix when spec.timeZone is set");
            }
        }

        var zoneName = prefixZone ?? timeZone;
        TimeZoneInfo zone;
        try
        {
            zone = string.IsNullOrEmpty(zoneName) ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(zoneName);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new FormatException($"{(prefixZone is null ? "spec.timeZone" : "spec.schedule")}: unknown time zone \"{zoneName}\"", e);
        }

        if (text.StartsWith('@') && !KubernetesMacros.Contains(text, StringComparer.Ordinal))
        {
            throw new FormatException($"spec.schedule \"{schedule}\": unsupported macro; use one of {string.Join(", ", KubernetesMacros)}");
        }

        if (!text.StartsWith('@') && text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length != 5)
        {
            throw new FormatException($"spec.schedule \"{schedule}\": expected exactly 5 fields (minute hour day-of-month month day-of-week)");
        }

        try
        {
            return new CronSchedule(CronExpression.Parse(text, CronFormat.Standard), zone);
        }
        catch (CronFormatException e)
        {
            throw new FormatException($"spec.schedule \"{schedule}\": {e.Message}", e);
        }
    }

    /// <summary>The latest scheduled time at or before <paramref name="now"/> and after <paramref name="after"/>.</summary>
    public DateTimeOffset? MostRecent(DateTimeOffset after, DateTimeOffset now)
    {
        if (now <= after)
        {
            return null;
        }

        var previous = _expression.GetPreviousOccurrence(now, TimeZone, inclusive: true);
        return previous is { } p && p > after ? p.ToUniversalTime() : null;
    }

    public DateTimeOffset? Next(DateTimeOffset after) =>
        _expression.GetNextOccurrence(after, TimeZone, inclusive: false)?.ToUniversalTime();

    /// <summary>How many scheduled times fall in (<paramref name="after"/>, <paramref name="now"/>], counting at most <paramref name="limit"/>.</summary>
    public int CountBetween(DateTimeOffset after, DateTimeOffset now, int limit) =>
        now <= after ? 0 : _expression.GetOccurrences(after, now, TimeZone, fromInclusive: false, toInclusive: true).Take(limit).Count();
}
