namespace KubeStash.Entities.Schema;

/// <summary>Declares the CRD scope of an entity; entities without it are namespaced.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class EntityScopeAttribute(EntityScope scope) : Attribute
{
    /// <summary>The scope written to the CRD's <c>spec.scope</c>.</summary>
    public EntityScope Scope { get; } = scope;
}
