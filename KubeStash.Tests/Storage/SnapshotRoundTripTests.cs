using System.Globalization;
using System.Security.Cryptography;
using KubeStash.Storage.Layout;
using KubeStash.Storage.Snapshots;

namespace KubeStash.Tests.Storage;

public sealed class SnapshotRoundTripTests
{
    private static int IndexOf(string path) =>
        int.Parse(path.AsSpan(path.Length - "000000.yaml".Length, 6), CultureInfo.InvariantCulture);

    [TestCaseSource(typeof(TestBackends), nameof(TestBackends.All))]
    public async Task A_50k_entry_snapshot_round_trips_and_every_entry_verifies(string provider)
    {
        await using var backend = await TestBackends.CreateAsync(provider);
        var content = new GeneratedSnapshot(50_000);
        var prefix = StorageLayout.SnapshotDataPrefix("demo/app", "app-snapshot-1");

        CommitRecord commit;
        await using (var writer = await SnapshotWriter.CreateAsync(backend.Store, prefix, "app-snapshot-1", key: null))
        {
            commit = await content.WriteAsync(writer);
        }

        commit.Entries.Should().Be(50_000);
        commit.Archive.Parts.Should().HaveCountGreaterThan(1, "the archive is stored as bounded parts");
        (await new StorageLayout(backend.Store).ListCommittedSnapshotsAsync("demo/app").ToListAsync()).Should().Equal("app-snapshot-1");

        // Extract all, to a callback: every delivered entry is compared with an independent regeneration.
        var reader = await SnapshotReader.OpenAsync(backend.Store, prefix, key: null);
        var seen = 0;
        var all = await reader.ReadAsync(null, async (entry, data, token) =>
        {
            var index = IndexOf(entry.Path);
            entry.Path.Should().Be(GeneratedSnapshot.PathOf(index));
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[81920];
            int read;
            while ((read = await data.ReadAsync(buffer, token)) > 0)
            {
                sha.AppendData(buffer, 0, read);
            }

            Convert.ToHexStringLower(sha.GetHashAndReset()).Should().Be(content.Sha256(index));
            seen++;
        });
        seen.Should().Be(50_000);
        all.VerifiedEntries.Should().Be(50_000);
        all.SelectedEntries.Should().Be(50_000);

        // Extract a filtered subset to a directory: one namespace by prefix plus the large files by glob.
        var target = Directory.CreateTempSubdirectory("kubestash-extract-");
        try
        {
            var filter = new SnapshotEntryFilter { Prefixes = ["manifest/configmaps/namespaces/ns-07/"], Globs = ["manifest/*/config-*2499.yaml"] };
            var some = await reader.ExtractToDirectoryAsync(target.FullName, filter);
            some.VerifiedEntries.Should().Be(50_000, "a filtered read still verifies every entry");
            var files = Directory.GetFiles(target.FullName, "*", SearchOption.AllDirectories);
            files.Should().HaveCount((int)some.SelectedEntries);
            var expected = Enumerable.Range(0, 50_000).Where(i => filter.Matches(GeneratedSnapshot.PathOf(i))).ToList();
            expected.Should().HaveCount(files.Length).And.Contain(2499);
            foreach (var i in expected)
            {
                var file = Path.Combine(target.FullName, GeneratedSnapshot.PathOf(i));
                Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(file))).Should().Be(content.Sha256(i));
            }
        }
        finally
        {
            target.Delete(recursive: true);
        }
    }

    [TestCaseSource(typeof(TestBackends), nameof(TestBackends.All))]
    public async Task The_index_lists_every_entry_with_size_and_checksum_in_archive_order(string provider)
    {
        await using var backend = await TestBackends.CreateAsync(provider);
        var content = new GeneratedSnapshot(300, largeEvery: 100);
        var prefix = StorageLayout.SnapshotDataPrefix("demo/app", "s1");
        await using (var writer = await SnapshotWriter.CreateAsync(backend.Store, prefix, "s1", key: null))
        {
            await content.WriteAsync(writer);
        }

        var reader = await SnapshotReader.OpenAsync(backend.Store, prefix, key: null);
        var index = await reader.ReadIndexAsync().ToListAsync();
        index.Select(e => e.Path).Should().Equal(Enumerable.Range(0, 300).Select(GeneratedSnapshot.PathOf));
        index.Select(e => e.Sha256).Should().Equal(Enumerable.Range(0, 300).Select(content.Sha256));
        index.Sum(e => e.Size).Should().Be(reader.Commit.TotalBytes);
        index.Count(e => e.Size == 1 << 20).Should().Be(3);
    }

    [Test]
    public async Task An_uncommitted_snapshot_does_not_exist_for_readers_and_an_abandoned_writer_cleans_up()
    {
        await using var backend = await TestBackends.CreateAsync("local");
        var prefix = StorageLayout.SnapshotDataPrefix("demo/app", "s1");
        await using (var writer = await SnapshotWriter.CreateAsync(backend.Store, prefix, "s1", key: null, new SnapshotWriterOptions { PartSize = 64 << 10 }))
        {
            var content = new GeneratedSnapshot(10, largeEvery: 2);
            for (var i = 0; i < 10; i++)
            {
                await writer.AddAsync(GeneratedSnapshot.PathOf(i), content.Content(i));
            }

            (await backend.Store.ListAsync(prefix + "/archive/", CancellationToken.None).CountAsync()).Should().BeGreaterThan(0, "parts are uploaded while the snapshot is produced");
            var open = () => SnapshotReader.OpenAsync(backend.Store, prefix, key: null);
            await open.Should().ThrowAsync<SnapshotNotCommittedException>().WithMessage("*commit record*");
        }

        (await backend.Store.ListAsync(prefix + "/", CancellationToken.None).CountAsync()).Should().Be(0);
        (await new StorageLayout(backend.Store).ListCommittedSnapshotsAsync("demo/app").ToListAsync()).Should().BeEmpty();
    }

    [Test]
    public async Task Entries_given_as_streams_are_checked_against_their_declared_length()
    {
        await using var backend = await TestBackends.CreateAsync("local");
        var prefix = StorageLayout.SnapshotDataPrefix("demo/app", "s1");
        await using var writer = await SnapshotWriter.CreateAsync(backend.Store, prefix, "s1", key: null);
        await writer.AddAsync("manifest/a.yaml", new MemoryStream(new byte[100]), 100);
        var shortStream = () => writer.AddAsync("manifest/b.yaml", new MemoryStream(new byte[10]), 100);
        await shortStream.Should().ThrowAsync<Exception>();
        var commit = () => writer.CommitAsync();
        await commit.Should().ThrowAsync<InvalidOperationException>().WithMessage("*cannot be committed*");
    }

    [TestCase("/etc/passwd")]
    [TestCase("manifest/../../escape.yaml")]
    [TestCase("manifest//double.yaml")]
    public async Task Entry_paths_must_be_relative_and_clean(string path)
    {
        await using var backend = await TestBackends.CreateAsync("local");
        await using var writer = await SnapshotWriter.CreateAsync(backend.Store, StorageLayout.SnapshotDataPrefix("r", "s"), "s", key: null);
        var add = () => writer.AddAsync(path, new byte[1]);
        await add.Should().ThrowAsync<ArgumentException>().WithMessage($"*{path}*");
    }
}
