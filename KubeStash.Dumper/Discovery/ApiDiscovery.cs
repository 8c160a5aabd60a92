using System.Text.Json;
using KubeStash.Dumper.Collection;

namespace KubeStash.Dumper.Discovery;

/// <summary>
/// Finds every resource type worth dumping: served at the group's preferred version, listable and creatable (what
/// cannot be created cannot be restored), minus what KubeStash leaves out (nodes, events, endpointslices, metrics) and
/// minus legacy aliases (the same objects served again by <c>extensions</c> or core events).
/// </summary>
public sealed class ApiDiscovery(KubernetesApi api)
{
    private static readonly HashSet<string> ExcludedTypes = new(StringComparer.Ordinal)
    {
        "nodes",
        "events",
        "events.events.k8s.io",
        "endpointslices.discovery.k8s.io",
        "componentstatuses",
        "bindings",
    };

    private static readonly HashSet<string> ExcludedGroups = new(StringComparer.Ordinal) { "metrics.k8s.io" };

    /// <summary>Group versions read at once: discovery is a few dozen small GETs, each a round trip to a real API server.</summary>
    private const int Concurrency = 8;

    public async Task<IReadOnlyList<ApiResourceType>> DiscoverAsync(CancellationToken cancellationToken)
    {
        var groupVersions = new List<(string Group, string Version, string Path)> { (string.Empty, "v1", "/api/v1") };
        using (var groups = await api.GetAsync("/apis", cancellationToken))
        {
            if (groups is not null && groups.RootElement.TryGetProperty("groups", out var groupList))
            {
                foreach (var group in groupList.EnumerateArray())
                {
                    var name = group.GetProperty("name").GetString()!;
                    if (ExcludedGroups.Contains(name) || !group.TryGetProperty("preferredVersion", out var preferred))
                    {
                        continue;
                    }

                    var version = preferred.GetProperty("version").GetString()!;
                    groupVersions.Add((name, version, $"/apis/{name}/{version}"));
                }
            }
        }

        var lists = new List<ApiResourceType>[groupVersions.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, groupVersions.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var (group, version, path) = groupVersions[i];
                using var resources = await api.GetAsync(path, ct);
                lists[i] = resources is null ? [] : [.. ReadResourceList(resources.RootElement, group, version)];
            });
        var found = lists.SelectMany(l => l).ToList();
        return [.. found.Where(t => !ExcludedTypes.Contains(t.QualifiedName) && !IsLegacyAlias(t, found)).OrderBy(t => t.QualifiedName, StringComparer.Ordinal)];
    }

    private static IEnumerable<ApiResourceType> ReadResourceList(JsonElement list, string group, string version)
    {
        if (!list.TryGetProperty("resources", out var resources))
        {
            yield break;
        }

        foreach (var resource in resources.EnumerateArray())
        {
            var name = resource.GetProperty("name").GetString()!;
            if (name.Contains('/', StringComparison.Ordinal))
            {
                continue;
            }

            var verbs = resource.TryGetProperty("verbs", out var v) ? v.EnumerateArray().Select(e => e.GetString()).ToHashSet() : [];
            if (!verbs.Contains("list") || !verbs.Contains("create"))
            {
                continue;
            }

            yield return new ApiResourceType(group, version, name, resource.GetProperty("kind").GetString()!, resource.GetProperty("namespaced").GetBoolean());
        }
    }

    /// <summary>
    /// <c>extensions</c> re-serves objects of apps, networking.k8s.io and policy; dumping both would write each object twice.
    /// </summary>
    private static bool IsLegacyAlias(ApiResourceType type, List<ApiResourceType> all) =>
        type.Group == "extensions" && all.Any(o => o.Group != "extensions" && o.Resource == type.Resource && o.Kind == type.Kind);
}
