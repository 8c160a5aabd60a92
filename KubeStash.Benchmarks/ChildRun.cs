namespace KubeStash.Benchmarks;

/// <summary>
/// One benchmarked child process: wall time from start to exit, the time it reported itself (its work without runtime
/// start-up), the CPU time it used (user + system, steadier than wall time on a shared machine), its peak RSS.
/// </summary>
internal sealed record ChildRun(TimeSpan Wall, TimeSpan Inside, TimeSpan Cpu, double PeakMiB);
