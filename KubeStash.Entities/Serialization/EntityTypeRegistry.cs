using System.Reflection;
using k8s;
using k8s.Models;

namespace KubeStash.Entities.Serialization;

/// <summary>Maps <c>apiVersion</c> and <c>kind</c> to the entity class carrying the matching <see cref="KubernetesEntityAttribute"/>.</summary>
public sealed class EntityTypeRegistry
{
    private readonly Dictionary<(string ApiVersion, string Kind), Type> types;

    /// <summary>Registers every entity class found in the given assemblies.</summary>
    public EntityTypeRegistry(IEnumerable<Assembly> assemblies)
    {
        ArgumentNullException.ThrowIfNull(assemblies);
        types = [];
        foreach (var type in assemblies.SelectMany(a => a.GetTypes()))
        {
            var entity = type.GetCustomAttribute<KubernetesEntityAttribute>();
            if (entity is null || type.IsAbstract || !typeof(IKubernetesObject<V1ObjectMeta>).IsAssignableFrom(type))
            {
                continue;
            }

            types[(ApiVersionOf(entity), entity.Kind)] = type;
        }
    }

    /// <summary>The registry of the KubeStash v1alpha1 kinds defined in this assembly.</summary>
    public static EntityTypeRegistry KubeStash { get; } = new([typeof(EntityTypeRegistry).Assembly]);

    /// <summary>Every registered entity class.</summary>
    public IReadOnlyCollection<Type> EntityTypes => types.Values;

    /// <summary>The <c>apiVersion</c> written in manifests of an entity, e.g. <c>storage.kubestash.com/v1alpha1</c>.</summary>
    public static string ApiVersionOf(KubernetesEntityAttribute entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return string.IsNullOrEmpty(entity.Group) ? entity.ApiVersion : $"{entity.Group}/{entity.ApiVersion}";
    }

    /// <summary>Finds the entity class of an <c>apiVersion</c> and <c>kind</c>.</summary>
    public bool TryResolve(string apiVersion, string kind, out Type type) =>
        types.TryGetValue((apiVersion, kind), out type!);

    /// <summary>The known <c>apiVersion</c>/<c>kind</c> pairs, for error messages.</summary>
    public IEnumerable<string> Describe() =>
        types.Keys.Select(k => $"{k.ApiVersion} {k.Kind}").Order(StringComparer.Ordinal);
}
