using System.Text;
using KubeStash.Storage;

namespace KubeStash.Tests.TestServers;

/// <summary>
/// A real S3 server (Ceph radosgw, in memory) on 127.0.0.1 with random free ports, started once per test run on
/// first use (scripts/test-servers/radosgw-start.sh) and stopped by <see cref="TestServersTeardown"/>.
/// Tests take a fresh bucket each so they never see each other's objects.
/// </summary>
public sealed class S3TestServer
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static S3TestServer? shared;

    private S3TestServer(Uri endpoint, string accessKey, string secretKey, string baseDirectory)
    {
        Endpoint = endpoint;
        AccessKey = accessKey;
        SecretKey = secretKey;
        BaseDirectory = baseDirectory;
    }

    public Uri Endpoint { get; }

    public string AccessKey { get; }

    public string SecretKey { get; }

    public string BaseDirectory { get; }

    /// <summary>The Secret data KubeStash expects for an s3 BackupStorage.</summary>
    public IReadOnlyDictionary<string, byte[]> SecretData => new Dictionary<string, byte[]>
    {
        [ObjectStoreFactory.AwsAccessKeyId] = Encoding.UTF8.GetBytes(AccessKey),
        [ObjectStoreFactory.AwsSecretAccessKey] = Encoding.UTF8.GetBytes(SecretKey),
    };

    /// <summary>The environment the standalone Dumper (<c>--output=s3://…</c>, <c>list --storage=s3://…</c>) reads this server's address and credentials from.</summary>
    public Dictionary<string, string> DumperEnvironment() => new()
    {
        ["S3_ENDPOINT"] = Endpoint.ToString(),
        [ObjectStoreFactory.AwsAccessKeyId] = AccessKey,
        [ObjectStoreFactory.AwsSecretAccessKey] = SecretKey,
    };

    /// <summary>The shared server, started on first call.</summary>
    public static async Task<S3TestServer> GetAsync()
    {
        await Gate.WaitAsync();
        try
        {
            return shared ??= await StartAsync();
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>A bucket name no other test uses (the bucket itself is created by the store when missing).</summary>
    public static string FreshBucketName() => "t-" + Guid.NewGuid().ToString("N")[..20];

    /// <summary>BackupStorage options for a fresh bucket on this server (or <paramref name="endpoint"/>, e.g. a fault proxy in front of it).</summary>
    public BackupStorageOptions StorageOptions(string bucket, string? prefix = null, Uri? endpoint = null, string name = "default/s3-storage") => new()
    {
        Name = name,
        Provider = "s3",
        S3 = new S3StorageOptions { Endpoint = (endpoint ?? Endpoint).ToString(), Bucket = bucket, Prefix = prefix, Region = "us-east-1", SecretName = "s3-secret" },
    };

    internal static async Task StopSharedAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (shared is not null)
            {
                await StopAsync(shared.BaseDirectory);
                shared = null;
            }
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Starts a private server (for benchmarks or tests that need their own); stop it with <see cref="StopAsync"/>.</summary>
    public static async Task<S3TestServer> StartAsync(string? baseDirectory = null)
    {
        var ports = FreePorts.Take(3);
        baseDirectory ??= Path.Combine(RepositoryRoot.WorkDirectory, "test-servers", "radosgw");
        var output = await ExternalCommand.RunAsync(
            Path.Combine(RepositoryRoot.Path, "scripts", "test-servers", "radosgw-start.sh"),
            [],
            new Dictionary<string, string>
            {
                ["BASE"] = baseDirectory,
                ["RGW_PORT"] = ports[0].ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["MON_V2"] = ports[1].ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["MON_V1"] = ports[2].ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
            TimeSpan.FromMinutes(2));
        var values = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('=', 2))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0], parts => parts[1].Trim());
        return new S3TestServer(new Uri(values["endpoint"]), values["access_key"], values["secret_key"], baseDirectory);
    }

    public static Task StopAsync(string baseDirectory) =>
        ExternalCommand.RunAsync(
            Path.Combine(RepositoryRoot.Path, "scripts", "test-servers", "radosgw-stop.sh"),
            [],
            new Dictionary<string, string> { ["BASE"] = baseDirectory, ["STOP_SIGNAL"] = "KILL" },
            TimeSpan.FromMinutes(1));
}
