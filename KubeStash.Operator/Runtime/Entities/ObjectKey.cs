using k8s;
using k8s.Models;

namespace KubeStash.Operator.Runtime.Entities;

/// <summary>Identifies one object of a known type: its namespace (null when cluster-scoped) and name.</summary>
public readonly record struct ObjectKey(string? Namespace, string Name)
{
    public static ObjectKey Of(IKubernetesObject<V1ObjectMeta> entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var name = entity.Metadata?.Name;
        if (string.IsNullOrEmpty(name))
        {
            throw new ArgumentException($"A {entity.Kind} object has no metadata.name.", nameof(entity));
        }

        return new ObjectKey(string.IsNullOrEmpty(entity.Metadata!.NamespaceProperty) ? null : entity.Metadata.NamespaceProperty, name);
    }

    public override string ToString() => Namespace is null ? Name : $"{Namespace}/{Name}";
}
