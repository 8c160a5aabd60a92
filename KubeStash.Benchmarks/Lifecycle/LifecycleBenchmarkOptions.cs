namespace KubeStash.Benchmarks.Lifecycle;

/// <summary>Options of <c>lifecycle</c>: how many configurations, namespaces, "run now" samples, and whether repositories are encrypted.</summary>
internal sealed record LifecycleBenchmarkOptions(int Configs, int Namespaces, int RunNowSamples, int BurstSamples, bool Encrypted);
