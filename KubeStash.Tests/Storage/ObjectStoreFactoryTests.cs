using System.Text;
using KubeStash.Storage;
using KubeStash.Tests.TestServers;

namespace KubeStash.Tests.Storage;

public sealed class ObjectStoreFactoryTests
{
    private static readonly ObjectStoreFactory Factory = new(resilience: TestBackends.FastRetries);

    [TestCase("gcs")]
    [TestCase("b2")]
    [TestCase("swift")]
    public void Providers_not_implemented_are_reported_as_not_supported_yet(string provider)
    {
        var options = new BackupStorageOptions
        {
            Name = "demo/gcs-storage",
            Provider = provider,
            Gcs = new GcsStorageOptions { Bucket = "b", SecretName = "gcs-secret" },
        };
        var create = () => Factory.Create(options, new Dictionary<string, byte[]>());
        var error = create.Should().Throw<StorageException>().Which;
        error.Kind.Should().Be(StorageErrorKind.NotSupported);
        error.Message.Should().Contain("demo/gcs-storage").And.Contain($"\"{provider}\" is not supported yet");
    }

    [Test]
    public void A_provider_without_its_block_is_a_configuration_error_naming_the_field()
    {
        var create = () => Factory.Create(new BackupStorageOptions { Name = "demo/s", Provider = "s3" }, null);
        create.Should().Throw<StorageException>().WithMessage("*demo/s*spec.storage.s3 is missing*");
    }

    [Test]
    public void Missing_S3_credentials_name_the_secret_and_its_keys()
    {
        var options = new BackupStorageOptions { Name = "demo/s", Provider = "s3", S3 = new S3StorageOptions { Endpoint = "http://127.0.0.1:1", Bucket = "b", SecretName = "s3-creds" } };
        var create = () => Factory.Create(options, new Dictionary<string, byte[]> { ["AWS_ACCESS_KEY_ID"] = "x"u8.ToArray() });
        create.Should().Throw<StorageException>().WithMessage("*s3-creds*AWS_ACCESS_KEY_ID*AWS_SECRET_ACCESS_KEY*");
    }

    [Test]
    public void Missing_Azure_account_key_names_the_secret()
    {
        var options = new BackupStorageOptions { Name = "demo/a", Provider = "azure", Azure = new AzureStorageOptions { StorageAccount = "acct", Container = "c", SecretName = "az-creds" } };
        var create = () => Factory.Create(options, new Dictionary<string, byte[]>());
        create.Should().Throw<StorageException>().WithMessage("*az-creds*AZURE_ACCOUNT_KEY*");
    }

    [Test]
    public async Task Wrong_S3_credentials_fail_at_once_as_access_denied_naming_the_bucket()
    {
        var server = await S3TestServer.GetAsync();
        var bucket = S3TestServer.FreshBucketName();
        var secret = new Dictionary<string, byte[]>
        {
            ["AWS_ACCESS_KEY_ID"] = Encoding.UTF8.GetBytes(server.AccessKey),
            ["AWS_SECRET_ACCESS_KEY"] = "definitely-not-the-secret"u8.ToArray(),
        };
        await using var store = Factory.Create(server.StorageOptions(bucket), secret);
        var started = DateTime.UtcNow;
        var ready = () => store.EnsureReadyAsync(CancellationToken.None);
        var error = (await ready.Should().ThrowAsync<StorageException>()).Which;
        error.Kind.Should().Be(StorageErrorKind.AccessDenied);
        error.Message.Should().Contain($"s3 bucket \"{bucket}\"").And.Contain(server.Endpoint.Authority);
        (DateTime.UtcNow - started).Should().BeLessThan(TimeSpan.FromSeconds(5), "permanent failures are not retried");
    }

    [Test]
    public async Task A_missing_bucket_that_may_not_be_created_is_reported_as_such()
    {
        var server = await S3TestServer.GetAsync();
        var options = server.StorageOptions(S3TestServer.FreshBucketName());
        options = options with { S3 = options.S3! with { CreateBucketIfMissing = false } };
        await using var store = Factory.Create(options, server.SecretData);
        var ready = () => store.EnsureReadyAsync(CancellationToken.None);
        (await ready.Should().ThrowAsync<StorageException>()).Which.Kind.Should().Be(StorageErrorKind.NoSuchBucket);
        var put = () => store.PutAsync("x", "x"u8.ToArray(), CancellationToken.None);
        (await put.Should().ThrowAsync<StorageException>()).Which.Message.Should().Contain(options.S3!.Bucket);
    }

    [Test]
    public async Task Wrong_Azure_key_fails_as_access_denied_naming_the_container()
    {
        var server = await AzuriteServer.GetAsync();
        var container = AzuriteServer.FreshContainerName();
        var secret = new Dictionary<string, byte[]> { ["AZURE_ACCOUNT_KEY"] = Encoding.UTF8.GetBytes(Convert.ToBase64String(new byte[64])) };
        await using var store = Factory.Create(server.StorageOptions(container), secret);
        var ready = () => store.EnsureReadyAsync(CancellationToken.None);
        var error = (await ready.Should().ThrowAsync<StorageException>()).Which;
        error.Kind.Should().Be(StorageErrorKind.AccessDenied);
        error.Message.Should().Contain($"azure container \"{container}\"");
    }

    [Test]
    public async Task The_local_provider_uses_mount_path_and_sub_path()
    {
        var root = Directory.CreateTempSubdirectory("kubestash-local-");
        try
        {
            var options = new BackupStorageOptions { Name = "demo/l", Provider = "local", Local = new LocalStorageOptions { MountPath = root.FullName, SubPath = "cluster-a/backups" } };
            await using var store = Factory.Create(options, null);
            await store.EnsureReadyAsync(CancellationToken.None);
            await store.PutAsync("metadata.yaml", "x"u8.ToArray(), CancellationToken.None);
            File.Exists(Path.Combine(root.FullName, "cluster-a", "backups", "metadata.yaml")).Should().BeTrue();
            store.Description.Should().Contain(Path.Combine(root.FullName, "cluster-a", "backups"));
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }
}
