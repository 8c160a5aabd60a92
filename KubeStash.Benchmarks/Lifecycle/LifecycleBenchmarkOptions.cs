using System.Globalization;

namespace KubeStash.Benchmarks.Lifecycle;

/// <summary>Options of <c>lifecycle</c>: how many configurations, namespaces, "run now" samples, and whether repositories are encrypted.</summary>
internal sealed record LifecycleBenchmarkOptions(int Configs, int Namespaces, int RunNowSamples, int BurstSamples, bool Encrypted)
{
    public static LifecycleBenchmarkOptions Parse(string[] args)
    {
        var configs = 1000;
        var namespaces = 10;
        var runNow = 200;
        var burst = 200;
        var encrypted = false;
        for (var i = 0; i < args.Length; i++)
        {
            int Next(int minimum) => i + 1 < args.Length && int.TryParse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= minimum
                ? n
                : throw new ArgumentException($"lifecycle: {args[i - 1]} needs a number >= {minimum}");
            switch (args[i])
            {
                case "--configs":
                    configs = Next(1);
                    break;
                case "--namespaces":
                    namespaces = Next(1);
                    break;
                case "--run-now":
                    runNow = Next(0);
                    break;
                case "--burst":
                    burst = Next(0);
                    break;
                case "--encrypted":
                    encrypted = true;
                    break;
                default:
                    throw new ArgumentException(
                        $"lifecycle: unknown option {args[i]} (known: --configs N, --namespaces N, --run-now N, --burst N, --encrypted)");
            }
        }

        if (runNow + burst > configs)
        {
            throw new ArgumentException($"lifecycle: --run-now {runNow} plus --burst {burst} sessions need that many distinct configurations, but --configs is {configs}");
        }

        return new LifecycleBenchmarkOptions(configs, Math.Min(namespaces, configs), runNow, burst, encrypted);
    }
}
