namespace KubeStash.Dumper.Targets;

/// <summary>
/// What to dump: the whole cluster (no target), one namespace (kind Namespace), or one workload object
/// (any other kind, e.g. a Deployment) with, optionally, what depends on it and what it needs to run.
/// </summary>
public sealed record DumpTarget(string? ApiGroup, string Kind, string? Namespace, string Name)
{
    public static DumpTarget? Cluster => null;

    public bool IsNamespace => Kind == "Namespace" && string.IsNullOrEmpty(ApiGroup);

    public override string ToString() => IsNamespace ? $"Namespace {Name}" : $"{Kind} {Namespace}/{Name}";
}
