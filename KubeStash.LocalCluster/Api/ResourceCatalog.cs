using System.Collections.Immutable;

namespace KubeStash.LocalCluster.Api;

/// <summary>
/// Every resource the server currently serves: the built-ins plus those defined by established CRDs.
/// Readers take an immutable snapshot, so discovery never sees a half-registered CRD.
/// </summary>
internal sealed class ResourceCatalog
{
    private ImmutableList<ApiResource> _resources = [.. BuiltInResources.All];

    private long _generation;

    public IReadOnlyList<ApiResource> All => _resources;

    /// <summary>Bumped whenever the served set changes (discovery and OpenAPI hashes follow it).</summary>
    public long Generation => Interlocked.Read(ref _generation);

    public ApiResource? Find(string group, string version, string plural) =>
        _resources.Find(r => r.Group == group && r.Version == version && r.Plural == plural);

    public ApiResource? FindByKind(string apiVersion, string kind)
    {
        var (group, version) = SplitApiVersion(apiVersion);
        return _resources.Find(r => r.Group == group && r.Version == version && r.Kind == kind);
    }

    /// <summary>Any served version of the storage table, preferring the given one.</summary>
    public ApiResource? FindStorage(string storageKey) => _resources.Find(r => r.StorageKey == storageKey);

    /// <summary>Replaces every version served for a CRD with <paramref name="versions"/> (empty to stop serving it).</summary>
    public void SetCustomResource(string crdName, IReadOnlyList<ApiResource> versions)
    {
        ImmutableInterlocked.Update(ref _resources, list => list.RemoveAll(r => r.CrdName == crdName).AddRange(versions));
        Interlocked.Increment(ref _generation);
    }

    public static (string Group, string Version) SplitApiVersion(string apiVersion)
    {
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? ("", apiVersion) : (apiVersion[..slash], apiVersion[(slash + 1)..]);
    }
}
