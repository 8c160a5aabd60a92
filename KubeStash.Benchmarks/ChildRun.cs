namespace KubeStash.Benchmarks;

/// <summary>One benchmarked child process: wall time from start to exit, the time it reported itself, its peak RSS.</summary>
internal sealed record ChildRun(TimeSpan Wall, TimeSpan Inside, double PeakMiB);
