using k8s.Models;
using KubeStash.Entities.Storage;
using KubeStash.Storage;

namespace KubeStash.Tests.Dumper;

public sealed class BackupStorageOptionsMapperTests
{
    [Test]
    public void S3_spec_maps_every_field()
    {
        var options = BackupStorageOptionsMapper.FromBackupStorage(Storage(new Backend
        {
            Provider = StorageProvider.S3,
            S3 = new S3Spec { Endpoint = "https://s3.example.com", Bucket = "b", Prefix = "p", Region = "eu", SecretName = "creds", InsecureTls = true },
        }));
        options.Name.Should().Be("demo/store");
        options.Uid.Should().Be("uid-1");
        options.Provider.Should().Be("s3");
        options.S3.Should().BeEquivalentTo(new S3StorageOptions { Endpoint = "https://s3.example.com", Bucket = "b", Prefix = "p", Region = "eu", SecretName = "creds", InsecureTls = true });
        BackupStorageOptionsMapper.CredentialSecretName(Storage(new Backend { Provider = StorageProvider.S3, S3 = new S3Spec { SecretName = "creds" } })).Should().Be("creds");
    }

    [Test]
    public void Local_and_azure_specs_map()
    {
        BackupStorageOptionsMapper.FromBackupStorage(Storage(new Backend { Provider = StorageProvider.Local, Local = new LocalSpec { MountPath = "/backup", SubPath = "x" } }))
            .Local.Should().Be(new LocalStorageOptions { MountPath = "/backup", SubPath = "x" });
        BackupStorageOptionsMapper.FromBackupStorage(Storage(new Backend { Provider = StorageProvider.Azure, Azure = new AzureSpec { Container = "c", StorageAccount = "acct", MaxConnections = 4, SecretName = "az" } }))
            .Azure.Should().Be(new AzureStorageOptions { Container = "c", StorageAccount = "acct", MaxConnections = 4, SecretName = "az" });
    }

    [TestCase(null, "spec.storage.provider")]
    [TestCase(StorageProvider.S3, "spec.storage.s3.endpoint")]
    [TestCase(StorageProvider.Local, "spec.storage.local.mountPath")]
    [TestCase(StorageProvider.Gcs, "spec.storage.gcs.bucket")]
    public void Missing_fields_are_named(StorageProvider? provider, string field) =>
        FluentActions.Invoking(() => BackupStorageOptionsMapper.FromBackupStorage(Storage(new Backend { Provider = provider })))
            .Should().Throw<ArgumentException>().WithMessage($"BackupStorage demo/store: {field} is required*");

    private static BackupStorage Storage(Backend backend) => new()
    {
        Metadata = new V1ObjectMeta { Name = "store", NamespaceProperty = "demo", Uid = "uid-1" },
        Spec = new BackupStorageSpec { Storage = backend },
    };
}
