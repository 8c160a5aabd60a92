using System.Reflection;
using k8s.Models;
using KubeStash.Operator.Runtime.Rbac;

namespace KubeStash.Operator.Runtime.Generation;

/// <summary>
/// Turns the <see cref="EntityRbacAttribute"/> and <see cref="GenericRbacAttribute"/> declarations found on classes
/// into one ClusterRole. Rules are merged per API group and resource, then resources that need the same verbs share a
/// rule; verbs, resources and rules are sorted so the output is stable.
/// </summary>
public sealed class ClusterRoleBuilder
{
    private static readonly (RbacVerbs Flag, string Name)[] VerbNames =
    [
        (RbacVerbs.Get, "get"), (RbacVerbs.List, "list"), (RbacVerbs.Watch, "watch"), (RbacVerbs.Create, "create"),
        (RbacVerbs.Update, "update"), (RbacVerbs.Patch, "patch"), (RbacVerbs.Delete, "delete"),
        (RbacVerbs.DeleteCollection, "deletecollection"),
    ];

    public V1ClusterRole Build(string name, IEnumerable<Type> declaringTypes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(declaringTypes);
        var resourceVerbs = new Dictionary<(string Group, string Resource), SortedSet<string>>();
        var urlVerbs = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);

        foreach (var type in declaringTypes.OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            foreach (var declaration in type.GetCustomAttributes<EntityRbacAttribute>(inherit: false))
            {
                AddEntityRules(type, declaration, resourceVerbs);
            }

            foreach (var declaration in type.GetCustomAttributes<GenericRbacAttribute>(inherit: false))
            {
                AddGenericRules(type, declaration, resourceVerbs, urlVerbs);
            }
        }

        var rules = resourceVerbs
            .GroupBy(e => (e.Key.Group, Verbs: string.Join(',', e.Value)))
            .Select(g => new V1PolicyRule
            {
                ApiGroups = [g.Key.Group],
                Resources = g.Select(e => e.Key.Resource).Order(StringComparer.Ordinal).ToList(),
                Verbs = g.First().Value.ToList(),
            })
            .OrderBy(r => r.ApiGroups[0], StringComparer.Ordinal)
            .ThenBy(r => r.Resources[0], StringComparer.Ordinal)
            .Concat(urlVerbs
                .GroupBy(e => string.Join(',', e.Value))
                .Select(g => new V1PolicyRule
                {
                    NonResourceURLs = g.Select(e => e.Key).Order(StringComparer.Ordinal).ToList(),
                    Verbs = g.First().Value.ToList(),
                })
                .OrderBy(r => r.NonResourceURLs[0], StringComparer.Ordinal))
            .ToList();

        return new V1ClusterRole
        {
            ApiVersion = "rbac.authorization.k8s.io/v1",
            Kind = "ClusterRole",
            Metadata = new V1ObjectMeta { Name = name },
            Rules = rules,
        };
    }

    private static void AddEntityRules(Type declaringType, EntityRbacAttribute declaration, Dictionary<(string, string), SortedSet<string>> rules)
    {
        var verbs = VerbsOf(declaringType, declaration.Verbs, "[EntityRbac]");
        if (declaration.Entities.Count == 0)
        {
            throw new ManifestGenerationException($"{declaringType.FullName}: [EntityRbac] names no entity type.");
        }

        foreach (var entityType in declaration.Entities)
        {
            var entity = EntityDefinition.Of(entityType);
            Add(rules, entity.Group, entity.Plural, verbs);

            // Writing status goes through the /status subresource; setting finalizers or blockOwnerDeletion owner
            // references on the entity needs update on /finalizers.
            if (entity.HasStatus && (declaration.Verbs & (RbacVerbs.Update | RbacVerbs.Patch)) != 0)
            {
                Add(rules, entity.Group, entity.Plural + "/status", ["get", "patch", "update"]);
            }

            if ((declaration.Verbs & RbacVerbs.Update) != 0)
            {
                Add(rules, entity.Group, entity.Plural + "/finalizers", ["update"]);
            }
        }
    }

    private static void AddGenericRules(
        Type declaringType,
        GenericRbacAttribute declaration,
        Dictionary<(string, string), SortedSet<string>> resourceRules,
        Dictionary<string, SortedSet<string>> urlRules)
    {
        var verbs = VerbsOf(declaringType, declaration.Verbs, "[GenericRbac]");
        if (declaration.Resources.Length == 0 && declaration.Urls.Length == 0)
        {
            throw new ManifestGenerationException($"{declaringType.FullName}: [GenericRbac] names neither Resources nor Urls.");
        }

        if (declaration.Resources.Length > 0 && declaration.Groups.Length == 0)
        {
            throw new ManifestGenerationException(
                $"{declaringType.FullName}: [GenericRbac] with Resources must name their Groups (\"\" is the core group).");
        }

        if (declaration.Groups.Length > 0 && declaration.Resources.Length == 0)
        {
            throw new ManifestGenerationException($"{declaringType.FullName}: [GenericRbac] names Groups but no Resources.");
        }

        foreach (var group in declaration.Groups)
        {
            foreach (var resource in declaration.Resources)
            {
                if (string.IsNullOrWhiteSpace(resource))
                {
                    throw new ManifestGenerationException($"{declaringType.FullName}: [GenericRbac] has an empty resource name.");
                }

                Add(resourceRules, group, resource, verbs);
            }
        }

        foreach (var url in declaration.Urls)
        {
            if (!url.StartsWith('/'))
            {
                throw new ManifestGenerationException($"{declaringType.FullName}: [GenericRbac] URL '{url}' must start with '/'.");
            }

            if (!urlRules.TryGetValue(url, out var existing))
            {
                urlRules[url] = existing = new SortedSet<string>(StringComparer.Ordinal);
            }

            existing.UnionWith(verbs);
        }
    }

    private static void Add(Dictionary<(string, string), SortedSet<string>> rules, string group, string resource, IEnumerable<string> verbs)
    {
        if (!rules.TryGetValue((group, resource), out var existing))
        {
            rules[(group, resource)] = existing = new SortedSet<string>(StringComparer.Ordinal);
        }

        existing.UnionWith(verbs);
    }

    private static List<string> VerbsOf(Type declaringType, RbacVerbs verbs, string attribute)
    {
        if (verbs == RbacVerbs.None)
        {
            throw new ManifestGenerationException($"{declaringType.FullName}: {attribute} declares no verbs.");
        }

        return VerbNames.Where(v => (verbs & v.Flag) != 0).Select(v => v.Name).ToList();
    }
}
