using System.Text;
using KubeStash.Storage.Crypto;
using KubeStash.Storage.Layout;
using KubeStash.Storage.Snapshots;

namespace KubeStash.Tests.Storage;

public sealed class EncryptedSnapshotTests
{
    private const string Password = "correct horse battery staple";
    private const string SecretValue = "c3VwZXItc2VjcmV0LWRhdGFiYXNlLXBhc3N3b3JkLTQyNDI=";
    private const string SecretPlain = "super-secret-database-password-4242";

    // A low iteration count keeps these tests fast; the production default is KeyDerivation.DefaultIterations.
    private static readonly EncryptionParameters Parameters = KeyDerivation.CreateParameters(Password, iterations: 1000, frameSize: 4096);

    private static RepositoryKey Key() => KeyDerivation.DeriveKey(Password, Parameters, "demo/encrypted-repo");

    private static async Task<(BackendUnderTest Backend, string Prefix)> WriteEncryptedSnapshotAsync(string provider)
    {
        var backend = await TestBackends.CreateAsync(provider);
        var layout = new StorageLayout(backend.Store);
        await layout.InitializeRepositoryAsync(new RepositoryIdentity { Repository = "demo/encrypted-repo", BackupStorage = backend.Options.Name, Path = "demo/encrypted", Encryption = Parameters });
        var prefix = StorageLayout.SnapshotDataPrefix("demo/encrypted", "snap-1");
        using var key = Key();
        await using var writer = await SnapshotWriter.CreateAsync(backend.Store, prefix, "snap-1", key, new SnapshotWriterOptions { PartSize = 1 << 10 });
        for (var i = 0; i < 200; i++)
        {
            var yaml = $"apiVersion: v1\nkind: Secret\nmetadata:\n  name: db-credentials-{i}\n  namespace: payments\ndata:\n  password: {SecretValue}\nstringData:\n  plain: {SecretPlain}\n";
            await writer.AddAsync($"manifest/secrets/namespaces/payments/db-credentials-{i}.yaml", Encoding.UTF8.GetBytes(yaml));
        }

        await writer.CommitAsync();
        return (backend, prefix);
    }

    [TestCaseSource(typeof(TestBackends), nameof(TestBackends.All))]
    public async Task No_plaintext_of_any_entry_or_path_appears_in_the_stored_bytes(string provider)
    {
        var (backend, prefix) = await WriteEncryptedSnapshotAsync(provider);
        await using var _ = backend;
        var everything = await backend.ReadEverythingAsync();
        everything.Should().Contain(o => o.Key.StartsWith(prefix + "/archive/", StringComparison.Ordinal));
        foreach (var (objectKey, bytes) in everything)
        {
            var text = Encoding.Latin1.GetString(bytes);
            text.Should().NotContain(SecretValue, $"object {objectKey} must not hold the Secret's value");
            text.Should().NotContain(SecretPlain, $"object {objectKey} must not hold the decoded value");
            text.Should().NotContain("db-credentials", $"object {objectKey} must not reveal entry paths or names");
        }

        using var key = Key();
        var reader = await SnapshotReader.OpenAsync(backend.Store, prefix, key);
        var result = await reader.VerifyAsync();
        result.VerifiedEntries.Should().Be(200);
    }

    [Test]
    public async Task A_wrong_password_fails_fast_naming_the_repository()
    {
        var (backend, _) = await WriteEncryptedSnapshotAsync("local");
        await using var _1 = backend;
        var stored = await new StorageLayout(backend.Store).ReadRepositoryAsync("demo/encrypted");
        stored!.Encryption.Should().NotBeNull();
        stored.Encryption!.Salt.Should().Be(Parameters.Salt);
        var derive = () => KeyDerivation.DeriveKey("wrong password", stored.Encryption, stored.Repository);
        derive.Should().Throw<WrongPasswordException>().WithMessage("*wrong encryption password*demo/encrypted-repo*");
    }

    [Test]
    public async Task Reading_with_another_repository_key_fails_on_the_commit_record()
    {
        var (backend, prefix) = await WriteEncryptedSnapshotAsync("local");
        await using var _ = backend;
        var other = KeyDerivation.CreateParameters("another password", iterations: 1000, frameSize: 4096);
        using var otherKey = KeyDerivation.DeriveKey("another password", other, "demo/other");
        var open = () => SnapshotReader.OpenAsync(backend.Store, prefix, otherKey);
        await open.Should().ThrowAsync<SnapshotIntegrityException>().WithMessage("*checksum*");
    }

    [TestCase("archive")]
    [TestCase("index")]
    public async Task Flipping_one_byte_in_stored_data_is_detected(string stream)
    {
        var (backend, prefix) = await WriteEncryptedSnapshotAsync("local");
        await using var _ = backend;
        var part = $"{prefix}/{stream}/000000";
        var bytes = await backend.Store.GetAsync(part, CancellationToken.None);
        bytes[bytes.Length / 2] ^= 0x01;
        await backend.Store.PutAsync(part, bytes, CancellationToken.None);

        using var key = Key();
        var reader = await SnapshotReader.OpenAsync(backend.Store, prefix, key);
        var verify = () => reader.VerifyAsync();
        await verify.Should().ThrowAsync<SnapshotIntegrityException>().WithMessage($"*snap-1*{stream}*part 0*SHA-256*");
    }

    [Test]
    public async Task Flipping_one_byte_in_the_commit_record_is_detected()
    {
        var (backend, prefix) = await WriteEncryptedSnapshotAsync("local");
        await using var _ = backend;
        var commitKey = prefix + "/commit.yaml";
        var text = Encoding.UTF8.GetString(await backend.Store.GetAsync(commitKey, CancellationToken.None));
        var tampered = text.Replace("entries: 200", "entries: 201", StringComparison.Ordinal);
        tampered.Should().NotBe(text);
        await backend.Store.PutAsync(commitKey, Encoding.UTF8.GetBytes(tampered), CancellationToken.None);

        using var key = Key();
        var open = () => SnapshotReader.OpenAsync(backend.Store, prefix, key);
        await open.Should().ThrowAsync<SnapshotIntegrityException>().WithMessage("*commit record*checksum*");
    }

    [Test]
    public async Task Truncating_the_archive_is_detected()
    {
        var (backend, prefix) = await WriteEncryptedSnapshotAsync("local");
        await using var _ = backend;
        var parts = await backend.Store.ListAsync(prefix + "/archive/", CancellationToken.None).ToListAsync();
        parts.Should().HaveCountGreaterThan(1);
        var last = parts[^1].Key;
        var bytes = await backend.Store.GetAsync(last, CancellationToken.None);
        await backend.Store.PutAsync(last, bytes.AsMemory(0, bytes.Length - 100), CancellationToken.None);

        using var key = Key();
        var reader = await SnapshotReader.OpenAsync(backend.Store, prefix, key);
        var verify = () => reader.VerifyAsync();
        await verify.Should().ThrowAsync<SnapshotIntegrityException>().WithMessage($"*part {parts.Count - 1} has {bytes.Length - 100} bytes*");

        // A missing last part is reported as missing, not silently read as a shorter archive.
        await backend.Store.DeleteAsync(last, CancellationToken.None);
        await verify.Should().ThrowAsync<SnapshotIntegrityException>().WithMessage("*missing*");
    }

    [Test]
    public async Task Deleting_the_commit_record_makes_the_snapshot_disappear_for_readers()
    {
        var (backend, prefix) = await WriteEncryptedSnapshotAsync("local");
        await using var _ = backend;
        var layout = new StorageLayout(backend.Store);
        (await layout.ListCommittedSnapshotsAsync("demo/encrypted").ToListAsync()).Should().Equal("snap-1");
        await backend.Store.DeleteAsync(prefix + "/commit.yaml", CancellationToken.None);

        (await layout.ListCommittedSnapshotsAsync("demo/encrypted").ToListAsync()).Should().BeEmpty();
        using var key = Key();
        var open = () => SnapshotReader.OpenAsync(backend.Store, prefix, key);
        await open.Should().ThrowAsync<SnapshotNotCommittedException>().WithMessage("*snap-1*commit record*does not exist*");
    }

    [Test]
    public async Task An_unencrypted_snapshot_detects_corruption_through_checksums()
    {
        await using var backend = await TestBackends.CreateAsync("local");
        var prefix = StorageLayout.SnapshotDataPrefix("demo/plain", "s1");
        await using (var writer = await SnapshotWriter.CreateAsync(backend.Store, prefix, "s1", key: null))
        {
            await new GeneratedSnapshot(100, largeEvery: 0).WriteAsync(writer);
        }

        var part = prefix + "/archive/000000";
        var bytes = await backend.Store.GetAsync(part, CancellationToken.None);
        bytes[^5] ^= 0x80;
        await backend.Store.PutAsync(part, bytes, CancellationToken.None);
        var reader = await SnapshotReader.OpenAsync(backend.Store, prefix, key: null);
        var verify = () => reader.VerifyAsync();
        await verify.Should().ThrowAsync<SnapshotIntegrityException>().WithMessage("*SHA-256*");
    }
}
