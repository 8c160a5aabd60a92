using k8s;
using k8s.Models;

namespace KubeStash.Operator.Runtime.Reconciliation;

/// <summary>
/// What the reconciler remembers of the state it last reconciled successfully: just enough to tell whether a later
/// version differs, instead of a second full copy of every cached object.
/// </summary>
internal sealed record ReconciledState(string? ResourceVersion, long? Generation, DateTime? DeletionTimestamp, IReadOnlyList<string> Finalizers)
{
    public static ReconciledState Of(IKubernetesObject<V1ObjectMeta> entity) => new(
        entity.Metadata.ResourceVersion,
        entity.Metadata.Generation,
        entity.Metadata.DeletionTimestamp,
        entity.Metadata.Finalizers is { Count: > 0 } finalizers ? [.. finalizers] : []);

    /// <summary>True when <paramref name="current"/> differs from this state in more than status and metadata bookkeeping.</summary>
    public bool ChangedBeyondStatus(IKubernetesObject<V1ObjectMeta> current)
        => Generation != current.Metadata.Generation
           || DeletionTimestamp != current.Metadata.DeletionTimestamp
           || !Finalizers.SequenceEqual(current.Metadata.Finalizers ?? []);
}
