using System.Globalization;

namespace KubeStash.Benchmarks.Runtime;

internal sealed record RuntimeBenchmarkOptions(int Entities, int IdleSamples, int Creators)
{
    public static RuntimeBenchmarkOptions Parse(string[] args)
    {
        var entities = 1000;
        var idle = 100;
        var creators = 32;
        for (var i = 0; i < args.Length; i++)
        {
            int Next() => i + 1 < args.Length && int.TryParse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
                ? n
                : throw new ArgumentException($"runtime: {args[i - 1]} needs a positive number");
            switch (args[i])
            {
                case "--entities":
                    entities = Next();
                    break;
                case "--idle-samples":
                    idle = Next();
                    break;
                case "--creators":
                    creators = Next();
                    break;
                default:
                    throw new ArgumentException($"runtime: unknown option {args[i]} (known: --entities, --idle-samples, --creators)");
            }
        }

        return new RuntimeBenchmarkOptions(entities, idle, creators);
    }
}
