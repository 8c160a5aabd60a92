using System.Reflection;
using k8s.Models;

namespace KubeStash.Operator.Runtime.Entities;

/// <summary>
/// Where an entity type lives in the Kubernetes API, read from its <see cref="KubernetesEntityAttribute"/>.
/// Works alike for custom entities and built-in kinds (an empty group is the core API).
/// </summary>
public sealed record EntityType(string Group, string Version, string Kind, string Plural)
{
    /// <summary>The <c>apiVersion</c> value objects of this type carry.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    public static EntityType Of<TEntity>() => EntityTypeOf<TEntity>.Value;

    public static EntityType Of(Type entity) => Read(entity);

    private static EntityType Read(Type entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var attribute = entity.GetCustomAttribute<KubernetesEntityAttribute>()
            ?? throw new ArgumentException(
                $"Entity type {entity.FullName} has no [KubernetesEntity] attribute naming its group, version, kind and plural.",
                nameof(entity));
        if (string.IsNullOrEmpty(attribute.Kind) || string.IsNullOrEmpty(attribute.ApiVersion))
        {
            throw new ArgumentException(
                $"Entity type {entity.FullName}: [KubernetesEntity] must set Kind and ApiVersion.", nameof(entity));
        }

        var plural = string.IsNullOrEmpty(attribute.PluralName)
            ? attribute.Kind.ToLowerInvariant() + "s"
            : attribute.PluralName;
        return new EntityType(attribute.Group ?? string.Empty, attribute.ApiVersion, attribute.Kind, plural);
    }

    /// <summary>The URL path of the collection, across all namespaces when <paramref name="namespace"/> is null.</summary>
    public string CollectionPath(string? @namespace)
    {
        var root = Group.Length == 0 ? $"api/{Version}" : $"apis/{Group}/{Version}";
        return string.IsNullOrEmpty(@namespace)
            ? $"{root}/{Plural}"
            : $"{root}/namespaces/{Uri.EscapeDataString(@namespace)}/{Plural}";
    }

    /// <summary>The URL path of one object (cluster-scoped when <paramref name="namespace"/> is null or empty).</summary>
    public string ObjectPath(string? @namespace, string name)
        => $"{CollectionPath(@namespace)}/{Uri.EscapeDataString(name)}";

    public override string ToString() => $"{Plural}.{(Group.Length == 0 ? "core" : Group)}/{Version}";

    private static class EntityTypeOf<TEntity>
    {
        public static readonly EntityType Value = Read(typeof(TEntity));
    }
}
