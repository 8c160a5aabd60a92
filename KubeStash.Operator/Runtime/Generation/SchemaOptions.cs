namespace KubeStash.Operator.Runtime.Generation;

/// <summary>Choices that trade schema detail for size.</summary>
public sealed record SchemaOptions
{
    /// <summary>
    /// Whether fields inside embedded KubernetesClient models (pod specs, volumes, security contexts…) carry their
    /// upstream descriptions. Off by default: those texts multiply the size of a CRD that embeds volumes, affinity and
    /// security contexts several times (~0.3 MB of JSON becomes well over 1 MB), which approaches the 1.5 MiB etcd
    /// stores per object. The structure is complete either way; only the prose is left out. Descriptions of our own
    /// classes are always kept.
    /// </summary>
    public bool DescribeKubernetesModelFields { get; init; }
}
