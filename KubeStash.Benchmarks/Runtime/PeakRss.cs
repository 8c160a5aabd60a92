using System.Diagnostics;
using System.Globalization;

namespace KubeStash.Benchmarks.Runtime;

/// <summary>Resident set size of this process from /proc/self/status (VmHWM peak, VmRSS now), else the portable figures.</summary>
internal static class PeakRss
{
    public static double PeakMiB() => Read("VmHWM:", p => p.PeakWorkingSet64);

    public static double CurrentMiB() => Read("VmRSS:", p => p.WorkingSet64);

    private static double Read(string field, Func<Process, long> portable)
    {
        if (File.Exists("/proc/self/status"))
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith(field, StringComparison.Ordinal))
                {
                    return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
                }
            }
        }

        using var process = Process.GetCurrentProcess();
        return portable(process) / 1048576.0;
    }
}
