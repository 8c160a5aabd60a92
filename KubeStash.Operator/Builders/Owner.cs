using k8s;
using k8s.Models;

namespace KubeStash.Operator.Builders;

/// <summary>Owner references for objects the operator creates (controller, blocking owner deletion like kube's controllers).</summary>
public static class Owner
{
    public static V1OwnerReference Of(IKubernetesObject<V1ObjectMeta> owner, string apiVersion, string kind) => new()
    {
        ApiVersion = apiVersion,
        Kind = kind,
        Name = owner.Metadata.Name,
        Uid = owner.Metadata.Uid,
        Controller = true,
        BlockOwnerDeletion = true,
    };
}
