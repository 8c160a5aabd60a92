namespace KubeStash.Benchmarks.Runtime;

/// <summary>Options of <c>runtime</c>: entities created at once, idle-queue samples, concurrent creators.</summary>
internal sealed record RuntimeBenchmarkOptions(int Entities, int IdleSamples, int Creators);
