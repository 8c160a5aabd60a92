namespace KubeStash.Entities.Schema;

/// <summary>Categories the kind belongs to, e.g. <c>kubectl get kubestash</c>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class CategoriesAttribute(params string[] names) : Attribute
{
    /// <summary>The CRD's <c>spec.names.categories</c>.</summary>
    public IReadOnlyList<string> Names { get; } = names;
}
