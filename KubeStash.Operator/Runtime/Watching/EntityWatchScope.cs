using k8s;
using k8s.Models;

namespace KubeStash.Operator.Runtime.Watching;

/// <summary>Which objects of <typeparamref name="TEntity"/> the operator watches: an optional label selector.</summary>
public sealed record EntityWatchScope<TEntity>(string? LabelSelector)
    where TEntity : class, IKubernetesObject<V1ObjectMeta>;
