using k8s;
using k8s.Models;

namespace KubeStash.Operator.Runtime.Reconciliation;

/// <summary>A finalizer of <typeparamref name="TEntity"/>: the string kept in <c>metadata.finalizers</c> and the class that runs it.</summary>
public sealed record FinalizerRegistration<TEntity>(string Identifier, Type FinalizerType)
    where TEntity : class, IKubernetesObject<V1ObjectMeta>;
