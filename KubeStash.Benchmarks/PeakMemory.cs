using System.Diagnostics;
using System.Globalization;

namespace KubeStash.Benchmarks;

/// <summary>Peak resident set size of this process (VmHWM on Linux, else the portable peak working set).</summary>
internal static class PeakMemory
{
    public static double PeakMiB() => Read("VmHWM:");

    private static double Read(string field)
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith(field, StringComparison.Ordinal))
                {
                    var kib = long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                    return kib / 1024.0;
                }
            }
        }
        catch (IOException)
        {
            // Fall through to the portable figure.
        }

        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64 / 1024.0 / 1024.0;
    }
}
