namespace KubeStash.Operator.Runtime.Generation;

/// <summary>Choices that trade schema detail for size.</summary>
public sealed record SchemaOptions
{
    /// <summary>
    /// Whether fields inside embedded KubernetesClient models (pod specs, volumes, security contexts…) carry their
    /// upstream descriptions. Off by default: those texts multiply a CRD's size several times (a schema embedding
    /// volumes, affinity and security contexts grows from ~170 KB to ~1 MB of JSON), and <c>kubectl apply</c> without
    /// <c>--server-side</c> refuses objects over 256 KB because it copies them into an annotation. The structure is
    /// complete either way; only the prose is left out. Descriptions of our own classes are always kept.
    /// </summary>
    public bool DescribeKubernetesModelFields { get; init; }
}
