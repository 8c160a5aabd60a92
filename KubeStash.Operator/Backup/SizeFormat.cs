using System.Globalization;

namespace KubeStash.Operator.Backup;

/// <summary>Byte counts as KubeStash prints them in status (e.g. <c>12.5 KiB</c>) and back.</summary>
public static class SizeFormat
{
    private static readonly string[] Units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];

    public static string Format(long bytes)
    {
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < Units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes} B")
            : string.Create(CultureInfo.InvariantCulture, $"{value:0.###} {Units[unit]}");
    }

    /// <summary>Parses what <see cref="Format"/> writes; null for anything else.</summary>
    public static long? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var parts = text.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return null;
        }

        var unit = Array.IndexOf(Units, parts[1]);
        return unit < 0 ? null : (long)Math.Round(value * Math.Pow(1024, unit));
    }
}
