using KubeStash.Dumper.Discovery;

namespace KubeStash.Dumper.Filtering;

/// <summary>
/// KubeStash's kubedump filters. Namespace and resource lists: empty or <c>*</c> means all; resources are named by plural
/// (<c>deployments</c>, any group) or plural.group (<c>deployments.apps</c>), case-insensitively. Excludes win over includes.
/// <see cref="AndLabels"/>: an object must carry every term; <see cref="OrLabels"/>: at least one; both given: both hold.
/// </summary>
public sealed record DumpFilter
{
    public IReadOnlyList<string> IncludeNamespaces { get; init; } = [];

    public IReadOnlyList<string> ExcludeNamespaces { get; init; } = [];

    public IReadOnlyList<string> IncludeResources { get; init; } = [];

    public IReadOnlyList<string> ExcludeResources { get; init; } = [];

    public IReadOnlyList<LabelRequirement> AndLabels { get; init; } = [];

    public IReadOnlyList<LabelRequirement> OrLabels { get; init; } = [];

    /// <summary>Cluster-scoped types (Namespace objects aside, see <see cref="IncludesNamespaceObject"/>). KubeStash's default: false.</summary>
    public bool IncludeClusterResources { get; init; }

    /// <summary>Splits a comma-separated flag value; empty and whitespace entries are dropped.</summary>
    public static IReadOnlyList<string> SplitList(string? value) =>
        string.IsNullOrWhiteSpace(value) ? [] : [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    public static IReadOnlyList<LabelRequirement> ParseLabels(string? value) => [.. SplitList(value).Select(LabelRequirement.Parse)];

    /// <summary>Whether every namespace is included (no include list, or <c>*</c> in it).</summary>
    public bool AllNamespaces => IncludeNamespaces.Count == 0 || IncludeNamespaces.Contains("*");

    public bool IncludesNamespace(string ns) =>
        (AllNamespaces || IncludeNamespaces.Contains(ns, StringComparer.Ordinal)) && !ExcludeNamespaces.Contains(ns, StringComparer.Ordinal);

    public bool IncludesType(ApiResourceType type)
    {
        var included = IncludeResources.Count == 0 || IncludeResources.Any(r => r == "*" || Names(type, r));
        return included && !ExcludeResources.Any(r => r == "*" || Names(type, r));
    }

    /// <summary>Cluster-scoped types other than namespaces need <see cref="IncludeClusterResources"/>.</summary>
    public bool IncludesScope(ApiResourceType type) => type.Namespaced || IsNamespaceType(type) || IncludeClusterResources;

    /// <summary>A Namespace object goes with its namespace: dumped when its name passes the namespace filters.</summary>
    public bool IncludesNamespaceObject(string name) => IncludesNamespace(name);

    public bool MatchesLabels(IReadOnlyDictionary<string, string> labels) =>
        AndLabels.All(l => l.Matches(labels)) && (OrLabels.Count == 0 || OrLabels.Any(l => l.Matches(labels)));

    /// <summary>The AND terms as a server-side label selector (the OR terms are checked here).</summary>
    public string? ServerLabelSelector => AndLabels.Count == 0 ? null : string.Join(',', AndLabels.Select(l => l.ToSelector()));

    public static bool IsNamespaceType(ApiResourceType type) => type.Group.Length == 0 && type.Resource == "namespaces";

    private static bool Names(ApiResourceType type, string name) =>
        string.Equals(name, type.Resource, StringComparison.OrdinalIgnoreCase) ||
        string.Equals(name, type.QualifiedName, StringComparison.OrdinalIgnoreCase);
}
