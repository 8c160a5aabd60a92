namespace KubeStash.Dumper;

/// <summary>What a dump wrote.</summary>
public sealed record DumpSummary(long Objects, long Bytes, IReadOnlyDictionary<string, long> ObjectsPerType, TimeSpan Duration);
