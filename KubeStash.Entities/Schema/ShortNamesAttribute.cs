namespace KubeStash.Entities.Schema;

/// <summary>Short names a user may type instead of the plural, e.g. <c>kubectl get bs</c>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ShortNamesAttribute(params string[] names) : Attribute
{
    /// <summary>The CRD's <c>spec.names.shortNames</c>.</summary>
    public IReadOnlyList<string> Names { get; } = names;
}
