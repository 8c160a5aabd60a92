using System.Globalization;
using System.Text.RegularExpressions;

namespace KubeStash.Operator.Backup;

/// <summary>
/// Durations as KubeStash writes them: Go durations (<c>30m</c>, <c>1h30m</c>, <c>45s</c>) extended with days
/// (<c>d</c>), weeks (<c>w</c>), months (<c>mo</c>, 30 days) and years (<c>y</c>, 365 days), e.g. <c>2mo</c>, <c>1y</c>.
/// </summary>
public static partial class KubeStashDuration
{
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var trimmed = text.Trim();
        var position = 0;
        foreach (Match match in Part().Matches(trimmed))
        {
            if (match.Index != position)
            {
                return false;
            }

            position += match.Length;
            var value = double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
            duration += match.Groups["unit"].Value switch
            {
                "y" => TimeSpan.FromDays(365 * value),
                "mo" => TimeSpan.FromDays(30 * value),
                "w" => TimeSpan.FromDays(7 * value),
                "d" => TimeSpan.FromDays(value),
                "h" => TimeSpan.FromHours(value),
                "m" => TimeSpan.FromMinutes(value),
                "s" => TimeSpan.FromSeconds(value),
                "ms" => TimeSpan.FromMilliseconds(value),
                _ => TimeSpan.Zero,
            };
        }

        return position == trimmed.Length && position > 0;
    }

    /// <summary>Parses or throws naming <paramref name="field"/>.</summary>
    public static TimeSpan Parse(string text, string field)
        => TryParse(text, out var duration)
            ? duration
            : throw new FormatException($"{field}: \"{text}\" is not a duration (use e.g. 30s, 30m, 1h30m, 7d, 2w, 2mo, 1y)");

    [GeneratedRegex(@"(?<value>\d+(\.\d+)?)(?<unit>mo|ms|y|w|d|h|m|s)", RegexOptions.CultureInvariant)]
    private static partial Regex Part();
}
