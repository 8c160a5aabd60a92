namespace KubeStash.LocalCluster.Workloads;

/// <summary>
/// A container image reference split the way a container runtime reads it, with Docker Hub's implicit parts made
/// explicit so that <c>busybox</c>, <c>library/busybox</c> and <c>docker.io/library/busybox</c> name one repository.
/// </summary>
public sealed record ImageReference(string Repository, string? Tag, string? Digest)
{
    private const string DefaultRegistry = "docker.io";

    public static ImageReference Parse(string image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var text = image.Trim();
        if (text.Length == 0 || text.Any(char.IsWhiteSpace))
        {
            throw new FormatException($"image reference \"{image}\" is empty or contains white space");
        }

        string? digest = null;
        var at = text.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            digest = text[(at + 1)..];
            text = text[..at];
        }

        string? tag = null;
        var colon = text.LastIndexOf(':');
        if (colon > text.LastIndexOf('/'))
        {
            tag = text[(colon + 1)..];
            text = text[..colon];
        }

        if (text.Length == 0 || tag?.Length == 0 || digest?.Length == 0)
        {
            throw new FormatException($"image reference \"{image}\" has an empty repository, tag or digest");
        }

        return new ImageReference(NormaliseRepository(text.ToLowerInvariant()), tag, digest);
    }

    private static string NormaliseRepository(string repository)
    {
        var slash = repository.IndexOf('/', StringComparison.Ordinal);
        var first = slash < 0 ? null : repository[..slash];
        var hasRegistry = first is not null && (first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost");
        if (hasRegistry)
        {
            return first == DefaultRegistry && !repository[(slash + 1)..].Contains('/', StringComparison.Ordinal)
                ? $"{DefaultRegistry}/library/{repository[(slash + 1)..]}"
                : repository;
        }

        return slash < 0 ? $"{DefaultRegistry}/library/{repository}" : $"{DefaultRegistry}/{repository}";
    }

    public override string ToString() =>
        Repository + (Tag is null ? string.Empty : ":" + Tag) + (Digest is null ? string.Empty : "@" + Digest);
}
