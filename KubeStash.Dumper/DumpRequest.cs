using KubeStash.Dumper.Filtering;
using KubeStash.Dumper.Targets;

namespace KubeStash.Dumper;

/// <summary>One dump: target (null = cluster), filters and how to collect.</summary>
public sealed record DumpRequest
{
    public DumpTarget? Target { get; init; }

    public DumpFilter Filter { get; init; } = new();

    /// <summary>Strip cluster-assigned fields (default on, as KubeStash).</summary>
    public bool Sanitize { get; init; } = true;

    /// <summary>For a workload target: its owner-reference tree and the objects its pods reference.</summary>
    public bool IncludeDependants { get; init; }

    /// <summary>Objects per LIST page.</summary>
    public int PageSize { get; init; } = 500;

    /// <summary>How many (type, namespace) collections are listed at once.</summary>
    public int Parallelism { get; init; } = 4;
}
