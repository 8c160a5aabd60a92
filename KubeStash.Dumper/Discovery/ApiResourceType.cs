namespace KubeStash.Dumper.Discovery;

/// <summary>One listable, creatable resource type the API server serves, at its group's preferred version.</summary>
public sealed record ApiResourceType(string Group, string Version, string Resource, string Kind, bool Namespaced)
{
    /// <summary><c>v1</c> for the core group, <c>group/version</c> otherwise.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>The directory name in the dump: <c>configmaps</c>, <c>deployments.apps</c>.</summary>
    public string QualifiedName => Group.Length == 0 ? Resource : $"{Resource}.{Group}";

    /// <summary>The collection path, across all namespaces when <paramref name="ns"/> is null.</summary>
    public string CollectionPath(string? ns)
    {
        var root = Group.Length == 0 ? $"/api/{Version}" : $"/apis/{Group}/{Version}";
        return Namespaced && ns is not null
            ? $"{root}/namespaces/{Uri.EscapeDataString(ns)}/{Resource}"
            : $"{root}/{Resource}";
    }

    /// <summary>The path of one object.</summary>
    public string ObjectPath(string? ns, string name) => $"{CollectionPath(Namespaced ? ns : null)}/{Uri.EscapeDataString(name)}";

    public override string ToString() => QualifiedName;
}
