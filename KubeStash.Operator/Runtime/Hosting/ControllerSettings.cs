using k8s;
using k8s.Models;

namespace KubeStash.Operator.Runtime.Hosting;

/// <summary>How a controller of <typeparamref name="TEntity"/> is triggered.</summary>
public sealed class ControllerSettings<TEntity>
    where TEntity : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly List<Action<OperatorBuilder>> owned = [];

    /// <summary>Ignore updates that change neither generation, deletion nor finalizers (status-only writes).</summary>
    public bool GenerationChangedOnly { get; set; }

    /// <summary>Watch only objects matching this label selector.</summary>
    public string? LabelSelector { get; set; }

    internal IReadOnlyList<Action<OperatorBuilder>> OwnedRegistrations => owned;

    /// <summary>Also watch <typeparamref name="TOwned"/>; a change to one reconciles the owner named in its ownerReferences.</summary>
    public ControllerSettings<TEntity> Owns<TOwned>()
        where TOwned : class, IKubernetesObject<V1ObjectMeta>
    {
        owned.Add(builder => builder.AddOwned<TOwned, TEntity>());
        return this;
    }
}
