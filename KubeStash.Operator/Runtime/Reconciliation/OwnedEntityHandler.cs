using k8s;
using k8s.Models;
using KubeStash.Operator.Runtime.Entities;
using KubeStash.Operator.Runtime.Watching;

namespace KubeStash.Operator.Runtime.Reconciliation;

/// <summary>A change of an owned <typeparamref name="TOwned"/> (e.g. a Job) asks for a reconcile of its <typeparamref name="TOwner"/>.</summary>
public sealed class OwnedEntityHandler<TOwned, TOwner>(EntityReconciler<TOwner> owners) : IEntityEventHandler<TOwned>
    where TOwned : class, IKubernetesObject<V1ObjectMeta>
    where TOwner : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly EntityType ownerType = EntityType.Of<TOwner>();

    public void OnEntityEvent(WatchEventType type, TOwned? previous, TOwned current)
    {
        foreach (var owner in OwnerReferenceMapper.OwnersOf(current, ownerType))
        {
            owners.Enqueue(owner);
        }

        // An owner reference removed by an update still concerns the former owner.
        if (previous is not null)
        {
            foreach (var owner in OwnerReferenceMapper.OwnersOf(previous, ownerType))
            {
                owners.Enqueue(owner);
            }
        }
    }
}
