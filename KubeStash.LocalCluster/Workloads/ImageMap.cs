namespace KubeStash.LocalCluster.Workloads;

/// <summary>
/// Which local program stands in for which container image. A key without a tag matches every tag and digest of
/// that repository; a key with a tag matches that tag only and wins over the untagged key.
/// </summary>
public sealed class ImageMap
{
    private readonly Dictionary<ImageReference, ImageProgram> _programs = [];

    public int Count => _programs.Count;

    public ImageMap Add(string image, ImageProgram program)
    {
        ArgumentNullException.ThrowIfNull(program);
        var reference = ImageReference.Parse(image);
        if (reference.Digest is not null)
        {
            throw new ArgumentException($"image map key \"{image}\" must name a repository with an optional tag, not a digest", nameof(image));
        }

        if (!_programs.TryAdd(reference, program))
        {
            throw new ArgumentException($"image map key \"{image}\" is mapped twice", nameof(image));
        }

        return this;
    }

    /// <summary>
    /// Parses the command-line form <c>image=/path/to/program [base args…]</c>, the arguments split on spaces.
    /// </summary>
    public ImageMap AddParsed(string mapping)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        var equals = mapping.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0 || equals == mapping.Length - 1)
        {
            throw new FormatException($"image mapping \"{mapping}\" must look like image=/path/to/program [args…]");
        }

        var command = mapping[(equals + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return Add(mapping[..equals].Trim(), ImageProgram.ChildProcess(command[0], command[1..]));
    }

    public bool TryResolve(string image, out ImageProgram program)
    {
        program = null!;
        ImageReference reference;
        try
        {
            reference = ImageReference.Parse(image);
        }
        catch (FormatException)
        {
            return false;
        }

        // A reference without tag or digest means :latest to a container runtime.
        var tag = reference.Tag ?? (reference.Digest is null ? "latest" : null);
        if (tag is not null && _programs.TryGetValue(new ImageReference(reference.Repository, tag, null), out var tagged))
        {
            program = tagged;
            return true;
        }

        if (_programs.TryGetValue(new ImageReference(reference.Repository, null, null), out var any))
        {
            program = any;
            return true;
        }

        return false;
    }
}
