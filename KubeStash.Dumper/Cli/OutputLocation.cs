using KubeStash.Storage;

namespace KubeStash.Dumper.Cli;

/// <summary>
/// Where a standalone backup goes (<c>--output</c>): a directory of plain files (a path, or <c>file://</c>), or a
/// snapshot in a backend: <c>s3://bucket[/prefix]</c> (endpoint from <c>S3_ENDPOINT</c> or <c>AWS_ENDPOINT_URL</c>,
/// credentials from <c>AWS_ACCESS_KEY_ID</c>/<c>AWS_SECRET_ACCESS_KEY</c>, region from <c>AWS_REGION</c>) or
/// <c>local:///path</c> (a directory used as a KubeStash local backend).
/// </summary>
public sealed record OutputLocation(string? Directory, BackupStorageOptions? Storage, IReadOnlyDictionary<string, byte[]>? Credentials)
{
    public static OutputLocation Parse(string output, IReadOnlyDictionary<string, string> environment)
    {
        if (output.StartsWith("s3://", StringComparison.OrdinalIgnoreCase))
        {
            var rest = output[5..];
            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            var bucket = slash < 0 ? rest : rest[..slash];
            var prefix = slash < 0 ? null : rest[(slash + 1)..].Trim('/');
            if (bucket.Length == 0)
            {
                throw new ArgumentException($"--output {output}: no bucket (write s3://bucket/prefix)");
            }

            var endpoint = Env(environment, "S3_ENDPOINT") ?? Env(environment, "AWS_ENDPOINT_URL") ?? "https://s3.amazonaws.com";
            var credentials = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (var name in new[] { ObjectStoreFactory.AwsAccessKeyId, ObjectStoreFactory.AwsSecretAccessKey })
            {
                credentials[name] = System.Text.Encoding.UTF8.GetBytes(Env(environment, name)
                    ?? throw new ArgumentException($"--output {output}: the environment variable {name} is required for an s3 output"));
            }

            return new OutputLocation(null, new BackupStorageOptions
            {
                Name = "standalone",
                Provider = "s3",
                S3 = new S3StorageOptions { Endpoint = endpoint, Bucket = bucket, Prefix = string.IsNullOrEmpty(prefix) ? null : prefix, Region = Env(environment, "AWS_REGION") },
            }, credentials);
        }

        if (output.StartsWith("local://", StringComparison.OrdinalIgnoreCase))
        {
            var path = output[8..];
            if (!Path.IsPathFullyQualified(path))
            {
                throw new ArgumentException($"--output {output}: write local:///absolute/path");
            }

            return new OutputLocation(null, new BackupStorageOptions { Name = "standalone", Provider = "local", Local = new LocalStorageOptions { MountPath = path } }, null);
        }

        var directory = output.StartsWith("file://", StringComparison.OrdinalIgnoreCase) ? new Uri(output).LocalPath : output;
        return new OutputLocation(directory, null, null);
    }

    private static string? Env(IReadOnlyDictionary<string, string> environment, string name) =>
        environment.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value) ? value : null;
}
