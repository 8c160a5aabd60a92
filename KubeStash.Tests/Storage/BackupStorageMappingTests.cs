using k8s.Models;
using KubeStash.Entities.Storage;
using KubeStash.Storage;

namespace KubeStash.Tests.Storage;

public sealed class BackupStorageMappingTests
{
    [Test]
    public void An_s3_BackupStorage_maps_field_by_field()
    {
        var storage = new BackupStorage
        {
            Metadata = new V1ObjectMeta { Name = "s3-storage", NamespaceProperty = "demo", Uid = "u-1" },
            Spec = new BackupStorageSpec
            {
                Storage = new Backend
                {
                    Provider = StorageProvider.S3,
                    S3 = new S3Spec { Endpoint = "https://s3.example.com", Bucket = "backups", Region = "eu-west-1", Prefix = "prod", SecretName = "s3-secret", InsecureTls = true },
                },
            },
        };
        var options = storage.ToOptions();
        options.Name.Should().Be("demo/s3-storage");
        options.Uid.Should().Be("u-1");
        options.Provider.Should().Be("s3");
        options.S3.Should().BeEquivalentTo(new S3StorageOptions { Endpoint = "https://s3.example.com", Bucket = "backups", Region = "eu-west-1", Prefix = "prod", SecretName = "s3-secret", InsecureTls = true });
    }

    [Test]
    public void A_gcs_BackupStorage_maps_and_is_then_refused_as_not_supported_yet()
    {
        var storage = new BackupStorage
        {
            Metadata = new V1ObjectMeta { Name = "gcs-storage", NamespaceProperty = "demo" },
            Spec = new BackupStorageSpec { Storage = new Backend { Provider = StorageProvider.Gcs, Gcs = new GcsSpec { Bucket = "b", SecretName = "gcs" } } },
        };
        var create = () => new ObjectStoreFactory().Create(storage.ToOptions(), null);
        create.Should().Throw<StorageException>().Which.Kind.Should().Be(StorageErrorKind.NotSupported);
    }

    [Test]
    public void Missing_fields_are_reported_by_their_path()
    {
        var storage = new BackupStorage
        {
            Metadata = new V1ObjectMeta { Name = "bad", NamespaceProperty = "demo" },
            Spec = new BackupStorageSpec { Storage = new Backend { Provider = StorageProvider.S3, S3 = new S3Spec { Bucket = "b" } } },
        };
        var map = () => storage.ToOptions();
        map.Should().Throw<StorageException>().Where(e => e.Kind == StorageErrorKind.Configuration)
            .WithMessage("BackupStorage demo/bad: spec.storage.s3.endpoint is required");
    }

    [Test]
    public void The_credentials_secret_is_the_providers_secretName() =>
        Storage(new Backend { Provider = StorageProvider.S3, S3 = new S3Spec { SecretName = "creds" } }).CredentialSecretName().Should().Be("creds");

    [Test]
    public void Local_and_azure_specs_map()
    {
        Storage(new Backend { Provider = StorageProvider.Local, Local = new LocalSpec { MountPath = "/backup", SubPath = "x" } }).ToOptions()
            .Local.Should().Be(new LocalStorageOptions { MountPath = "/backup", SubPath = "x" });
        Storage(new Backend { Provider = StorageProvider.Azure, Azure = new AzureSpec { Container = "c", StorageAccount = "acct", MaxConnections = 4, SecretName = "az" } }).ToOptions()
            .Azure.Should().Be(new AzureStorageOptions { Container = "c", StorageAccount = "acct", MaxConnections = 4, SecretName = "az" });
    }

    [TestCase(null, "spec.storage.provider")]
    [TestCase(StorageProvider.S3, "spec.storage.s3.endpoint")]
    [TestCase(StorageProvider.Local, "spec.storage.local.mountPath")]
    [TestCase(StorageProvider.Gcs, "spec.storage.gcs.bucket")]
    public void Missing_fields_are_named(StorageProvider? provider, string field) =>
        FluentActions.Invoking(() => Storage(new Backend { Provider = provider }).ToOptions())
            .Should().Throw<StorageException>().WithMessage($"BackupStorage demo/store: {field} is required*");

    private static BackupStorage Storage(Backend backend) => new()
    {
        Metadata = new V1ObjectMeta { Name = "store", NamespaceProperty = "demo", Uid = "uid-1" },
        Spec = new BackupStorageSpec { Storage = backend },
    };
}
