namespace KubeStash.LocalCluster.Workloads;

/// <summary>
/// How a program on this machine finds a container's volumes: a command/args element (as written, before $(VAR)
/// expansion), an env value (after expansion) or a working directory that is a container mount path, starts with one
/// followed by '/', or carries one after '=' (<c>--dir=/scratch/x</c>) is rewritten to the local directory standing
/// in for that mount; the longest matching mount path wins. Paths inside longer text (a shell script) are not
/// rewritten: such text should use <c>$(VAR)</c> of a variable holding the mount path, or the
/// <c>LOCAL_MOUNT_&lt;PATH&gt;</c> variable every mount also gets.
/// </summary>
public static class MountPaths
{
    public static string Rewrite(string value, IReadOnlyDictionary<string, string> mounts)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(mounts);
        if (mounts.Count == 0)
        {
            return value;
        }

        var equals = value.IndexOf('=', StringComparison.Ordinal);
        if (equals >= 0 && !value.StartsWith('/'))
        {
            return value[..(equals + 1)] + RewritePath(value[(equals + 1)..], mounts);
        }

        return RewritePath(value, mounts);
    }

    private static string RewritePath(string path, IReadOnlyDictionary<string, string> mounts)
    {
        foreach (var (mountPath, local) in mounts.OrderByDescending(m => m.Key.Length))
        {
            var trimmed = mountPath.TrimEnd('/');
            if (trimmed.Length == 0)
            {
                continue;
            }

            if (path == trimmed || path == trimmed + "/")
            {
                return local;
            }

            if (path.StartsWith(trimmed + "/", StringComparison.Ordinal))
            {
                return Path.Combine(local, path[(trimmed.Length + 1)..]);
            }
        }

        return path;
    }

    /// <summary>The env variable that also names a mount's local directory: LOCAL_MOUNT_ plus the mount path in upper case, '/' and other non-alphanumerics as '_'.</summary>
    public static string VariableName(string mountPath)
    {
        ArgumentNullException.ThrowIfNull(mountPath);
        var chars = mountPath.Trim('/').Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToUpperInvariant(c) : '_');
        return "LOCAL_MOUNT_" + new string([.. chars]);
    }
}
