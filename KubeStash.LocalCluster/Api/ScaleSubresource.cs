namespace KubeStash.LocalCluster.Api;

/// <summary>Where a resource keeps what its /scale subresource shows (JSON paths like ".spec.replicas").</summary>
internal sealed record ScaleSubresource(string SpecReplicasPath, string StatusReplicasPath, string? LabelSelectorPath)
{
    public static ScaleSubresource BuiltIn { get; } = new(".spec.replicas", ".status.replicas", null);
}
