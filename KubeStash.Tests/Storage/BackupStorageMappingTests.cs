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
        var create = () => new ObjectStoreFactory().Create(storage.ToOptions(), new Dictionary<string, byte[]>());
        create.Should().Throw<StorageException>().WithMessage("*spec.storage.s3.endpoint is required*");
    }
}
