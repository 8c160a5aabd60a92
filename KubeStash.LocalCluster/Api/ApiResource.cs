using KubeStash.LocalCluster.Semantics;

namespace KubeStash.LocalCluster.Api;

/// <summary>One served resource: its identity in discovery and the rules its storage follows.</summary>
internal sealed record ApiResource
{
    public required string Group { get; init; }
    public required string Version { get; init; }
    public required string Kind { get; init; }
    public required string Plural { get; init; }
    public required bool Namespaced { get; init; }
    public string Singular => Kind.ToLowerInvariant();
    public IReadOnlyList<string> ShortNames { get; init; } = [];
    public IReadOnlyList<string> Categories { get; init; } = [];
    public bool HasStatus { get; init; }

    /// <summary>Set when the resource has a /scale subresource.</summary>
    public ScaleSubresource? Scale { get; init; }

    /// <summary>Whether metadata.generation is maintained (kinds whose spec is a desired state).</summary>
    public bool TracksGeneration { get; init; }

    /// <summary>Field selectors beyond metadata.name and metadata.namespace.</summary>
    public IReadOnlyList<string> ExtraSelectableFields { get; init; } = [];

    /// <summary>Set for custom resources: the schema of this version (null when the CRD has none).</summary>
    public StructuralSchema? Schema { get; init; }
    public bool IsCustom { get; init; }
    public IReadOnlyList<TableColumn>? PrinterColumns { get; init; }

    /// <summary>The uid of the CRD serving this resource, so a re-created CRD does not serve stale definitions.</summary>
    public string? CrdName { get; init; }

    public string GroupVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>Storage identity: all versions of one group/plural share one table.</summary>
    public string StorageKey => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    /// <summary>"ConfigMap" for the core group, "BackupStorage.storage.kubestash.com" otherwise, as kube names kinds in errors.</summary>
    public string QualifiedKind => Group.Length == 0 ? Kind : $"{Kind}.{Group}";

    /// <summary>"configmaps" for the core group, "deployments.apps" otherwise, as kube names resources in errors.</summary>
    public string QualifiedResource => StorageKey;

    public IReadOnlyList<string> Verbs { get; init; } =
        ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    public IReadOnlyCollection<string> SelectableFields =>
        ["metadata.name", "metadata.namespace", .. ExtraSelectableFields];
}
