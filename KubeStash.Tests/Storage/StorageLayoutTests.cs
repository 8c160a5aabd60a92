using KubeStash.Storage;
using KubeStash.Storage.Crypto;
using KubeStash.Storage.Layout;

namespace KubeStash.Tests.Storage;

public sealed class StorageLayoutTests
{
    [TestCaseSource(typeof(TestBackends), nameof(TestBackends.All))]
    public async Task A_second_BackupStorage_on_the_same_bucket_and_prefix_is_refused_naming_both(string provider)
    {
        await using var backend = await TestBackends.CreateAsync(provider);
        var layout = new StorageLayout(backend.Store);
        var first = await layout.InitializeStorageAsync(new StorageIdentity { BackupStorage = "demo/first", Uid = "uid-1", Provider = provider });
        first.BackupStorage.Should().Be("demo/first");

        // The same BackupStorage initialising again (e.g. after an operator restart) is fine and changes nothing.
        var again = await layout.InitializeStorageAsync(new StorageIdentity { BackupStorage = "demo/first", Uid = "uid-1", Provider = provider });
        again.CreatedAt.Should().Be(first.CreatedAt);

        var second = () => layout.InitializeStorageAsync(new StorageIdentity { BackupStorage = "other/second", Uid = "uid-2", Provider = provider });
        var refusal = await second.Should().ThrowAsync<StorageConflictException>();
        refusal.WithMessage("*other/second*refused*demo/first*");
        refusal.Which.Message.Should().Contain(backend.Store.Description);
        (await layout.ReadStorageIdentityAsync())!.BackupStorage.Should().Be("demo/first", "the first owner's identity is never overwritten");
    }

    [Test]
    public async Task BackupStorages_on_different_prefixes_of_one_bucket_do_not_conflict()
    {
        var server = await TestServers.S3TestServer.GetAsync();
        var bucket = TestServers.S3TestServer.FreshBucketName();
        var factory = new ObjectStoreFactory(resilience: TestBackends.FastRetries);
        await using var a = factory.Create(server.StorageOptions(bucket, "team-a"), server.SecretData);
        await using var b = factory.Create(server.StorageOptions(bucket, "team-b"), server.SecretData);
        await new StorageLayout(a).InitializeStorageAsync(new StorageIdentity { BackupStorage = "a/storage", Provider = "s3" });
        await new StorageLayout(b).InitializeStorageAsync(new StorageIdentity { BackupStorage = "b/storage", Provider = "s3" });
        (await new StorageLayout(a).ReadStorageIdentityAsync())!.BackupStorage.Should().Be("a/storage");
        (await new StorageLayout(b).ReadStorageIdentityAsync())!.BackupStorage.Should().Be("b/storage");
    }

    [TestCaseSource(typeof(TestBackends), nameof(TestBackends.All))]
    public async Task A_repository_keeps_its_identity_and_encryption_salt(string provider)
    {
        await using var backend = await TestBackends.CreateAsync(provider);
        var layout = new StorageLayout(backend.Store);
        var parameters = KeyDerivation.CreateParameters("pw", iterations: 1000);
        var created = await layout.InitializeRepositoryAsync(new RepositoryIdentity { Repository = "demo/repo", BackupStorage = "demo/storage", Path = "/demo/repo/", Encryption = parameters });
        created.Path.Should().Be("demo/repo");
        (await backend.Store.StatAsync("demo/repo/repository.yaml", CancellationToken.None)).Should().NotBeNull();

        // Initialising again with fresh parameters must not replace the salt: existing snapshots depend on it.
        var fresh = KeyDerivation.CreateParameters("pw", iterations: 1000);
        var again = await layout.InitializeRepositoryAsync(new RepositoryIdentity { Repository = "demo/repo", BackupStorage = "demo/storage", Path = "demo/repo", Encryption = fresh });
        again.Encryption!.Salt.Should().Be(parameters.Salt);
        using var key = KeyDerivation.DeriveKey("pw", again.Encryption, again.Repository);
        key.Repository.Should().Be("demo/repo");

        var other = () => layout.InitializeRepositoryAsync(new RepositoryIdentity { Repository = "demo/other", BackupStorage = "demo/storage", Path = "demo/repo" });
        await other.Should().ThrowAsync<StorageConflictException>().WithMessage("*demo/other refused*demo/repo*");
    }

    [TestCaseSource(typeof(TestBackends), nameof(TestBackends.All))]
    public async Task A_repository_made_without_its_password_gets_its_key_check_from_the_first_writer(string provider)
    {
        await using var backend = await TestBackends.CreateAsync(provider);
        var layout = new StorageLayout(backend.Store);
        var identity = await CreateWithoutPasswordAsync(layout, "demo/repo");
        identity.Encryption!.KeyCheck.Should().BeEmpty();

        // A reader before any backup gets the key and records nothing: there is no data it could misread.
        using (await layout.OpenKeyAsync(identity, "reader's guess", recordKeyCheck: false))
        {
        }

        (await backend.Store.StatAsync("demo/repo/key-check.yaml", CancellationToken.None)).Should().BeNull();

        using var first = await layout.OpenKeyAsync(identity, "pw", recordKeyCheck: true);
        (await backend.Store.StatAsync("demo/repo/key-check.yaml", CancellationToken.None)).Should().NotBeNull();
        using var again = await layout.OpenKeyAsync(identity, "pw", recordKeyCheck: true);
        again.Repository.Should().Be("demo/repo");

        var wrong = () => layout.OpenKeyAsync(identity, "not the password", recordKeyCheck: true);
        await wrong.Should().ThrowAsync<WrongPasswordException>().WithMessage("*demo/repo*");
        var wrongReader = () => layout.OpenKeyAsync(identity, "not the password", recordKeyCheck: false);
        await wrongReader.Should().ThrowAsync<WrongPasswordException>().WithMessage("*demo/repo*");
    }

    [Test]
    public async Task Two_first_writers_with_different_passwords_agree_on_one()
    {
        await using var backend = await TestBackends.CreateAsync("local");
        var layout = new StorageLayout(backend.Store);
        var identity = await CreateWithoutPasswordAsync(layout, "demo/raced");

        var outcomes = await Task.WhenAll(
            new[] { "alpha", "beta" }.Select(async password =>
            {
                try
                {
                    using var key = await layout.OpenKeyAsync(identity, password, recordKeyCheck: true);
                    return true;
                }
                catch (WrongPasswordException)
                {
                    return false;
                }
            }));

        outcomes.Count(ok => ok).Should().Be(1, "the key check recorded first decides the password");
    }

    [Test]
    public async Task Snapshot_manifest_copies_are_stored_beside_the_data()
    {
        await using var backend = await TestBackends.CreateAsync("local");
        var layout = new StorageLayout(backend.Store);
        await layout.WriteSnapshotManifestAsync("demo/repo", "snap-1", "kind: Snapshot\n"u8.ToArray());
        StorageLayout.SnapshotManifestKey("demo/repo", "snap-1").Should().Be("demo/repo/snapshots/snap-1.yaml");
        (await layout.ReadSnapshotManifestAsync("demo/repo", "snap-1")).Should().Equal("kind: Snapshot\n"u8.ToArray());
        (await layout.ReadSnapshotManifestAsync("demo/repo", "snap-2")).Should().BeNull();
        var bad = () => StorageLayout.SnapshotDataPrefix("demo/../etc", "s");
        bad.Should().Throw<ArgumentException>().WithMessage("*demo/../etc*");
    }

    [TestCase("demo/repo/repository.yaml", "demo/repo")]
    [TestCase("repo/repository.yaml", "repo")]
    [TestCase("repository.yaml", null)]
    [TestCase("metadata.yaml", null)]
    [TestCase("demo/repo/snapshots/snap-1.yaml", null)]
    [TestCase("demo//repository.yaml", null)]
    [TestCase("demo/repo/repository.yaml.tmp", null)]
    public void A_listing_key_names_a_repository_directory_only_when_it_is_a_repository_file(string key, string? directory)
        => StorageLayout.RepositoryDirectoryOf(key).Should().Be(directory);

    /// <summary>An encrypted repository made as the operator makes it: a salt, no key derived, no key check value.</summary>
    private static Task<RepositoryIdentity> CreateWithoutPasswordAsync(StorageLayout layout, string repository) =>
        layout.InitializeRepositoryAsync(new RepositoryIdentity
        {
            Repository = repository,
            BackupStorage = "demo/storage",
            Path = repository,
            Encryption = KeyDerivation.CreateUncheckedParameters(iterations: 1000),
        });
}
