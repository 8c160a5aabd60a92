using KubeStash.Storage;
using KubeStash.Tests.TestServers;

namespace KubeStash.Tests.Storage;

/// <summary>Fresh, empty object stores on each real backend: a temp directory, a new S3 bucket, a new Azure container.</summary>
public static class TestBackends
{
    public static readonly string[] All = ["local", "s3", "azure"];

    public static readonly StorageResilienceOptions FastRetries = new()
    {
        MaxRetryAttempts = 8,
        BaseDelay = TimeSpan.FromMilliseconds(20),
        MaxDelay = TimeSpan.FromMilliseconds(500),
        AttemptTimeout = TimeSpan.FromSeconds(20),
    };

    public static async Task<BackendUnderTest> CreateAsync(string provider, string? prefix = "backups", StorageResilienceOptions? resilience = null)
    {
        var backend = await CreateUnreadyAsync(provider, prefix, resilience);
        await backend.Store.EnsureReadyAsync(CancellationToken.None);
        return backend;
    }

    /// <summary>Like <see cref="CreateAsync"/> but without creating the bucket or container.</summary>
    public static async Task<BackendUnderTest> CreateUnreadyAsync(string provider, string? prefix = "backups", StorageResilienceOptions? resilience = null)
    {
        var factory = new ObjectStoreFactory(resilience: resilience ?? FastRetries);
        switch (provider)
        {
            case "local":
                {
                    var directory = Directory.CreateTempSubdirectory("kubestash-storage-");
                    var options = new BackupStorageOptions { Name = "default/local-storage", Provider = "local", Local = new LocalStorageOptions { MountPath = directory.FullName, SubPath = prefix } };
                    return new BackendUnderTest(factory.Create(options, null), options, null, () => directory.Delete(recursive: true));
                }

            case "s3":
                {
                    var server = await S3TestServer.GetAsync();
                    var options = server.StorageOptions(S3TestServer.FreshBucketName(), prefix);
                    return new BackendUnderTest(factory.Create(options, server.SecretData), options, server.SecretData, null);
                }

            case "azure":
                {
                    var server = await AzuriteServer.GetAsync();
                    var options = server.StorageOptions(AzuriteServer.FreshContainerName(), prefix);
                    return new BackendUnderTest(factory.Create(options, AzuriteServer.SecretData), options, AzuriteServer.SecretData, null);
                }

            default:
                throw new ArgumentOutOfRangeException(nameof(provider), provider, "unknown test backend");
        }
    }
}
