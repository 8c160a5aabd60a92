using System.Reflection;
using k8s.Models;

namespace KubeStash.Operator.Runtime.Generation;

/// <summary>
/// What the API server needs to know about an entity class: its group/version/kind, plural and whether it has a
/// <c>/status</c> subresource (it does when the class implements <see cref="IStatus{T}"/>).
/// </summary>
public sealed record EntityDefinition(Type Type, string Group, string Version, string Kind, string Plural, bool HasStatus)
{
    /// <summary>"group/version", or just "version" for the core group.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>Reads the definition from the class's <see cref="KubernetesEntityAttribute"/>.</summary>
    /// <exception cref="ManifestGenerationException">The attribute is missing or incomplete.</exception>
    public static EntityDefinition Of(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var entity = type.GetCustomAttribute<KubernetesEntityAttribute>()
            ?? throw new ManifestGenerationException($"{type.FullName} has no [KubernetesEntity] attribute, so it is not an entity.");
        if (string.IsNullOrWhiteSpace(entity.Kind))
        {
            throw new ManifestGenerationException($"{type.FullName}: [KubernetesEntity] must set Kind.");
        }

        if (string.IsNullOrWhiteSpace(entity.ApiVersion))
        {
            throw new ManifestGenerationException($"{type.FullName}: [KubernetesEntity] must set ApiVersion.");
        }

        if (string.IsNullOrWhiteSpace(entity.PluralName))
        {
            throw new ManifestGenerationException($"{type.FullName}: [KubernetesEntity] must set PluralName.");
        }

        var hasStatus = type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IStatus<>));
        return new EntityDefinition(type, entity.Group ?? string.Empty, entity.ApiVersion, entity.Kind, entity.PluralName, hasStatus);
    }
}
