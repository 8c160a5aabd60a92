namespace KubeStash.Benchmarks;

/// <summary>What the storage benchmark writes and where.</summary>
internal sealed record StorageBenchmarkOptions(int Entries, int TotalMiB, IReadOnlyList<string> Backends, int PartMiB, int Uploads, IReadOnlyList<bool> Encrypted, int Rounds);
