namespace KubeStash.LocalCluster.Http;

/// <summary>A request path under /api or /apis, split into its parts.</summary>
internal sealed record ResourcePath(string Group, string Version, string? Namespace, string Plural, string? Name, string? Subresource)
{
    /// <summary>Parses "/api/v1/namespaces/ns/configmaps/x" style paths; null for anything that is not a resource path.</summary>
    public static ResourcePath? Parse(string path)
    {
        var segments = path.Trim('/').Split('/');
        string group, version;
        int rest;
        if (segments.Length >= 3 && segments[0] == "api")
        {
            (group, version, rest) = ("", segments[1], 2);
        }
        else if (segments.Length >= 4 && segments[0] == "apis")
        {
            (group, version, rest) = (segments[1], segments[2], 3);
        }
        else
        {
            return null;
        }
        var parts = segments[rest..].Select(Uri.UnescapeDataString).ToArray();
        if (parts.Any(p => p.Length == 0))
        {
            return null;
        }
        if (parts[0] == "namespaces" && parts.Length >= 3 && !(parts.Length == 3 && parts[2] is "status" or "finalize"))
        {
            return parts.Length switch
            {
                3 => new ResourcePath(group, version, parts[1], parts[2], null, null),
                4 => new ResourcePath(group, version, parts[1], parts[2], parts[3], null),
                5 => new ResourcePath(group, version, parts[1], parts[2], parts[3], parts[4]),
                _ => null,
            };
        }
        return parts.Length switch
        {
            1 => new ResourcePath(group, version, null, parts[0], null, null),
            2 => new ResourcePath(group, version, null, parts[0], parts[1], null),
            3 => new ResourcePath(group, version, null, parts[0], parts[1], parts[2]),
            _ => null,
        };
    }
}
