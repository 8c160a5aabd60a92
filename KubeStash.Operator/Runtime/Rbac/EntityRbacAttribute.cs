namespace KubeStash.Operator.Runtime.Rbac;

/// <summary>
/// Declares that the operator needs <see cref="Verbs"/> on the given entity types (classes carrying
/// <c>k8s.Models.KubernetesEntityAttribute</c>); the manifest generator turns these into the operator's ClusterRole.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class EntityRbacAttribute(params Type[] entities) : Attribute
{
    public IReadOnlyList<Type> Entities { get; } = entities;

    public RbacVerbs Verbs { get; init; } = RbacVerbs.None;
}
