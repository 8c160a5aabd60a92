using System.Globalization;
using System.Security.Cryptography;
using KubeStash.Storage.Crypto;

namespace KubeStash.Storage.Snapshots;

/// <summary>Names and checksums shared by <see cref="SnapshotWriter"/> and <see cref="SnapshotReader"/>.</summary>
internal static class SnapshotFormat
{
    public const string ArchiveName = "archive";
    public const string IndexName = "index";
    public const string CommitName = "commit.yaml";
    public const string ArchivePurpose = "kubestash/snapshot-archive/v1";
    public const string IndexPurpose = "kubestash/snapshot-index/v1";
    public const string CommitPurpose = "kubestash/snapshot-commit/v1";

    public static string Join(string prefix, string name) => prefix.Length == 0 ? name : prefix.TrimEnd('/') + "/" + name;

    public static string Now() => DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    public static string Checksum(CommitRecord record, RepositoryKey? key)
    {
        var canonical = StorageYaml.Serialize(record with { Checksum = string.Empty });
        return key is null
            ? "sha256:" + Convert.ToHexStringLower(SHA256.HashData(canonical))
            : "hmac-sha256:" + Convert.ToHexStringLower(key.Mac(CommitPurpose, canonical));
    }

    public static string ValidateEntryPath(string path)
    {
        if (string.IsNullOrEmpty(path)
            || path.StartsWith('/')
            || path.Contains('\\', StringComparison.Ordinal)
            || path.Contains('\0', StringComparison.Ordinal)
            || path.Split('/').Any(segment => segment is "" or "." or ".."))
        {
            throw new ArgumentException($"snapshot entry path \"{path}\" must be relative, '/'-separated, without empty, '.' or '..' segments", nameof(path));
        }

        return path;
    }
}
