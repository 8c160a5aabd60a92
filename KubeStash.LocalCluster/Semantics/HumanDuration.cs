using System.Globalization;

namespace KubeStash.LocalCluster.Semantics;

/// <summary>
/// kube's short human-readable durations (k8s.io/apimachinery/pkg/util/duration.HumanDuration), as printed in AGE
/// columns: <c>45s</c>, <c>5m30s</c>, <c>3h</c>, <c>2d5h</c>, <c>3y</c>.
/// </summary>
public static class HumanDuration
{
    public static string Format(TimeSpan duration)
    {
        // Clocks may disagree by a second or so: that still reads as "now".
        var seconds = (long)Math.Truncate(duration.TotalSeconds);
        if (seconds < -1)
        {
            return "<invalid>";
        }

        if (seconds < 0)
        {
            return "0s";
        }

        if (seconds < 60 * 2)
        {
            return Invariant($"{seconds}s");
        }

        var minutes = (long)(duration.Ticks / TimeSpan.TicksPerMinute);
        if (minutes < 10)
        {
            var s = seconds % 60;
            return s == 0 ? Invariant($"{minutes}m") : Invariant($"{minutes}m{s}s");
        }

        if (minutes < 60 * 3)
        {
            return Invariant($"{minutes}m");
        }

        var hours = (long)(duration.Ticks / TimeSpan.TicksPerHour);
        if (hours < 8)
        {
            var m = minutes % 60;
            return m == 0 ? Invariant($"{hours}h") : Invariant($"{hours}h{m}m");
        }

        if (hours < 48)
        {
            return Invariant($"{hours}h");
        }

        if (hours < 24 * 8)
        {
            var h = hours % 24;
            return h == 0 ? Invariant($"{hours / 24}d") : Invariant($"{hours / 24}d{h}h");
        }

        if (hours < 24 * 365 * 2)
        {
            return Invariant($"{hours / 24}d");
        }

        if (hours < 24 * 365 * 8)
        {
            var dy = hours / 24 % 365;
            return dy == 0 ? Invariant($"{hours / 24 / 365}y") : Invariant($"{hours / 24 / 365}y{dy}d");
        }

        return Invariant($"{hours / 24 / 365}y");
    }

    /// <summary>kube's translateTimestampSince: the age of <paramref name="timestamp"/>, or <c>&lt;unknown&gt;</c>.</summary>
    public static string Since(DateTimeOffset? timestamp, DateTimeOffset now) =>
        timestamp is { } time ? Format(now - time) : "<unknown>";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
