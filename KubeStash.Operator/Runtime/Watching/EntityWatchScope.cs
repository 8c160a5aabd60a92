using k8s;
using k8s.Models;

namespace KubeStash.Operator.Runtime.Watching;

/// <summary>
/// Which objects of <typeparamref name="TEntity"/> the operator watches: an optional label selector; a cluster-scoped type
/// is watched cluster-wide even by an operator bound to one namespace (its objects belong to no namespace).
/// </summary>
public sealed record EntityWatchScope<TEntity>(string? LabelSelector, bool ClusterScoped = false)
    where TEntity : class, IKubernetesObject<V1ObjectMeta>;
