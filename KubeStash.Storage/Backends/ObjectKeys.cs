namespace KubeStash.Storage.Backends;

/// <summary>Validation and prefixing of object keys, shared by the backends.</summary>
internal static class ObjectKeys
{
    public static string Validate(string key, string backend)
    {
        if (string.IsNullOrEmpty(key)
            || key.StartsWith('/')
            || key.Contains('\\', StringComparison.Ordinal)
            || key.Contains("//", StringComparison.Ordinal)
            || key.Split('/').Any(segment => segment is "." or ".."))
        {
            throw new StorageException(StorageErrorKind.Configuration, backend, $"invalid object key \"{key}\": keys are relative, '/'-separated, without '.' or '..' segments");
        }

        return key;
    }

    /// <summary>Normalises a user prefix to "" or "a/b/" (no leading slash, one trailing slash).</summary>
    public static string NormalisePrefix(string? prefix)
    {
        var trimmed = (prefix ?? string.Empty).Trim().Trim('/');
        return trimmed.Length == 0 ? string.Empty : trimmed + "/";
    }
}
