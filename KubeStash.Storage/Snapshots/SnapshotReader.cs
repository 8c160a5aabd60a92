using System.Formats.Tar;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text.Json;
using KubeStash.Storage.Crypto;
using ZstdSharp;

namespace KubeStash.Storage.Snapshots;

/// <summary>
/// Reads a committed snapshot and verifies everything on the way: the commit record's checksum (HMAC when
/// encrypted), every part's size and SHA-256, frame authentication, every entry's path, size and SHA-256
/// against the index (read in lockstep with the archive), and the totals. Extraction of a subset still
/// reads and verifies every entry; only the selected ones are delivered.
/// </summary>
public sealed class SnapshotReader
{
    private const int TarBlock = 512;
    private const int ReaderRecycleInterval = 1024;
    private readonly IObjectStore store;
    private readonly RepositoryKey? key;

    private SnapshotReader(IObjectStore store, string prefix, RepositoryKey? key, CommitRecord commit)
    {
        this.store = store;
        this.key = key;
        Prefix = prefix;
        Commit = commit;
    }

    public string Prefix { get; }

    public CommitRecord Commit { get; }

    private string What => $"snapshot {Commit.Snapshot} in {store.Description}";

    /// <summary>
    /// Opens the snapshot under <paramref name="snapshotPrefix"/>. Throws <see cref="SnapshotNotCommittedException"/>
    /// when it has no commit record and <see cref="SnapshotIntegrityException"/> when the record is damaged or
    /// does not match <paramref name="key"/>.
    /// </summary>
    public static async Task<SnapshotReader> OpenAsync(IObjectStore store, string snapshotPrefix, RepositoryKey? key, CancellationToken cancellationToken = default)
    {
        var commitKey = SnapshotFormat.Join(snapshotPrefix, SnapshotFormat.CommitName);
        byte[] yaml;
        try
        {
            yaml = await store.GetAsync(commitKey, cancellationToken);
        }
        catch (StorageException e) when (e.Kind == StorageErrorKind.NotFound)
        {
            throw new SnapshotNotCommittedException($"no committed snapshot at \"{snapshotPrefix}\" in {store.Description}: its commit record \"{commitKey}\" does not exist (the snapshot never completed, or was deleted)", e);
        }

        CommitRecord commit;
        try
        {
            commit = StorageYaml.Deserialize<CommitRecord>(yaml, $"commit record \"{commitKey}\"");
        }
        catch (InvalidDataException e)
        {
            throw new SnapshotIntegrityException($"{store.Description}: {e.Message}", e);
        }

        if (commit.Kind != CommitRecord.CurrentKind || commit.FormatVersion != 1)
        {
            throw new SnapshotIntegrityException($"{store.Description}: \"{commitKey}\" is not a version 1 snapshot commit record (kind {commit.Kind}, version {commit.FormatVersion})");
        }

        var encrypted = commit.Encryption != "none";
        if (encrypted && key is null)
        {
            throw new InvalidOperationException($"snapshot {commit.Snapshot} in {store.Description} is encrypted ({commit.Encryption}); the repository's encryption key is needed to read it");
        }

        var expected = SnapshotFormat.Checksum(commit, encrypted ? key : null);
        if (!CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(expected), System.Text.Encoding.ASCII.GetBytes(commit.Checksum)))
        {
            throw new SnapshotIntegrityException($"snapshot {commit.Snapshot} in {store.Description}: the commit record's checksum does not match its content (damaged, tampered, or another repository's key)");
        }

        var archiveKey = SnapshotFormat.Join(snapshotPrefix, SnapshotFormat.ArchiveName);
        var indexKey = SnapshotFormat.Join(snapshotPrefix, SnapshotFormat.IndexName);
        if (commit.Archive.Key != archiveKey || commit.Index.Key != indexKey)
        {
            throw new SnapshotIntegrityException($"snapshot {commit.Snapshot} in {store.Description}: the commit record points at \"{commit.Archive.Key}\"/\"{commit.Index.Key}\", not at this snapshot's own data under \"{snapshotPrefix}\"");
        }

        return new SnapshotReader(store, snapshotPrefix, encrypted ? key : null, commit);
    }

    /// <summary>The index, verified (parts, frames, totals against the commit record) as it is read.</summary>
    public async IAsyncEnumerable<SnapshotIndexEntry> ReadIndexAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var lines = OpenIndex(cancellationToken);
        long count = 0;
        long bytes = 0;
        while (await lines.NextAsync(cancellationToken) is { } entry)
        {
            count++;
            bytes += entry.Size;
            yield return entry;
        }

        CheckTotals(count, bytes, "index");
    }

    /// <summary>Reads and verifies the whole snapshot without delivering anything.</summary>
    public Task<SnapshotReadResult> VerifyAsync(CancellationToken cancellationToken = default) =>
        ReadAsync(null, static (_, _, _) => ValueTask.CompletedTask, cancellationToken);

    /// <summary>
    /// Delivers the selected entries to <paramref name="onEntry"/> with a stream of their data. The data is
    /// verified as it is read: when an entry's checksum does not match, the call fails after that entry.
    /// </summary>
    public async Task<SnapshotReadResult> ReadAsync(
        SnapshotEntryFilter? filter,
        Func<SnapshotIndexEntry, Stream, CancellationToken, ValueTask> onEntry,
        CancellationToken cancellationToken = default)
    {
        filter ??= SnapshotEntryFilter.All;
        await using var index = OpenIndex(cancellationToken);
        await using var archive = OpenStream(Commit.Archive, SnapshotFormat.ArchivePurpose, "archive", cancellationToken);
        await using var zstd = new DecompressionStream(archive, leaveOpen: true);
        var tar = new TarReader(zstd, leaveOpen: true);
        var padding = new byte[TarBlock];
        long verified = 0, verifiedBytes = 0, selected = 0, selectedBytes = 0;
        try
        {
            while (await tar.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
            {
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile))
                {
                    throw new SnapshotIntegrityException($"{What}: unexpected tar entry type {entry.EntryType} for \"{entry.Name}\"");
                }

                var expected = await index.NextAsync(cancellationToken)
                    ?? throw new SnapshotIntegrityException($"{What}: archive entry \"{entry.Name}\" is not in the index (the index has only {verified} entries)");
                if (expected.Path != entry.Name || expected.Size != entry.Length)
                {
                    throw new SnapshotIntegrityException($"{What}: archive entry {verified} is \"{entry.Name}\" ({entry.Length} bytes), the index says \"{expected.Path}\" ({expected.Size} bytes)");
                }

                using var data = new HashingReadStream(entry.DataStream ?? Stream.Null, entry.Length);
                if (filter.Matches(entry.Name))
                {
                    await onEntry(expected, data, cancellationToken);
                    selected++;
                    selectedBytes += entry.Length;
                }

                await data.CopyToAsync(Stream.Null, cancellationToken);
                if (data.BytesRead != expected.Size)
                {
                    throw new SnapshotIntegrityException($"{What}: entry \"{entry.Name}\" has {data.BytesRead} bytes, the index says {expected.Size}");
                }

                var sha256 = data.Sha256();
                if (sha256 != expected.Sha256)
                {
                    throw new SnapshotIntegrityException($"{What}: entry \"{entry.Name}\" has SHA-256 {sha256}, the index says {expected.Sha256}");
                }

                verified++;
                verifiedBytes += expected.Size;
                if (verified % ReaderRecycleInterval == 0)
                {
                    // TarReader keeps every entry's data stream until it is disposed: a fresh reader every so often
                    // keeps memory flat however many entries there are. The entry's data has been read to its end;
                    // skipping its block padding leaves the stream at the next header, where a new reader starts.
                    var pad = (int)((TarBlock - (expected.Size % TarBlock)) % TarBlock);
                    await zstd.ReadExactlyAsync(padding.AsMemory(0, pad), cancellationToken);
                    await tar.DisposeAsync();
                    tar = new TarReader(zstd, leaveOpen: true);
                }
            }

            if (await index.NextAsync(cancellationToken) is { } missing)
            {
                throw new SnapshotIntegrityException($"{What}: the archive ends after {verified} entries but the index continues with \"{missing.Path}\"");
            }

            // Drain the tar end-of-archive blocks, the zstd end and the final frame: their checks run at the end.
            await zstd.CopyToAsync(Stream.Null, cancellationToken);
            await archive.CopyToAsync(Stream.Null, cancellationToken);
        }
        catch (Exception e) when (e is CryptographicException or ZstdException or InvalidDataException or FormatException or EndOfStreamException)
        {
            throw new SnapshotIntegrityException($"{What}: {e.Message}", e);
        }
        finally
        {
            await tar.DisposeAsync();
        }

        CheckTotals(verified, verifiedBytes, "archive");
        return new SnapshotReadResult(verified, verifiedBytes, selected, selectedBytes);
    }

    /// <summary>
    /// Extracts the selected entries under <paramref name="directory"/>. Each file is written to a temporary
    /// name and renamed into place only after its checksum matched.
    /// </summary>
    public Task<SnapshotReadResult> ExtractToDirectoryAsync(string directory, SnapshotEntryFilter? filter = null, CancellationToken cancellationToken = default)
    {
        var root = Path.GetFullPath(directory);
        Directory.CreateDirectory(root);
        return ReadAsync(
            filter,
            async (entry, data, token) =>
            {
                var target = Path.GetFullPath(Path.Combine(root, SnapshotFormat.ValidateEntryPath(entry.Path)));
                if (!target.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                {
                    throw new SnapshotIntegrityException($"{What}: entry \"{entry.Path}\" would land outside {root}");
                }

                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                var temp = target + ".partial";
                await using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
                {
                    await data.CopyToAsync(file, token);
                }

                var sha256 = ((HashingReadStream)data).Sha256();
                if (sha256 != entry.Sha256)
                {
                    File.Delete(temp);
                    throw new SnapshotIntegrityException($"{What}: entry \"{entry.Path}\" has SHA-256 {sha256}, the index says {entry.Sha256}");
                }

                File.Move(temp, target, overwrite: true);
            },
            cancellationToken);
    }

    private void CheckTotals(long count, long bytes, string what)
    {
        if (count != Commit.Entries || bytes != Commit.TotalBytes)
        {
            throw new SnapshotIntegrityException($"{What}: the {what} holds {count} entries / {bytes} bytes, the commit record says {Commit.Entries} / {Commit.TotalBytes}");
        }
    }

    private Stream OpenStream(SegmentedObjectInfo info, string purpose, string name, CancellationToken cancellationToken)
    {
        Stream stream = new SegmentedObjectReader(store, info, $"{What}, {name}");
        if (key is not null)
        {
            stream = new FrameDecryptingStream(stream, key, purpose, $"{What}, {name}");
        }

        return stream;
    }

    private IndexLines OpenIndex(CancellationToken cancellationToken)
    {
        var raw = OpenStream(Commit.Index, SnapshotFormat.IndexPurpose, "index", cancellationToken);
        return new IndexLines(raw, new DecompressionStream(raw, leaveOpen: true), What);
    }

    /// <summary>The index as a sequence of entries, one JSON object per line.</summary>
    private sealed class IndexLines(Stream raw, DecompressionStream zstd, string what) : IAsyncDisposable
    {
        private readonly StreamReader reader = new(zstd, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16);
        private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

        public async Task<SnapshotIndexEntry?> NextAsync(CancellationToken cancellationToken)
        {
            string? line;
            try
            {
                line = await reader.ReadLineAsync(cancellationToken);
            }
            catch (Exception e) when (e is CryptographicException or ZstdException or InvalidDataException)
            {
                throw new SnapshotIntegrityException($"{what}, index: {e.Message}", e);
            }

            if (line is null)
            {
                // Reading the sealed, segmented stream to its very end runs its final checks.
                try
                {
                    await raw.CopyToAsync(Stream.Null, cancellationToken);
                }
                catch (CryptographicException e)
                {
                    throw new SnapshotIntegrityException($"{what}, index: {e.Message}", e);
                }

                return null;
            }

            try
            {
                return JsonSerializer.Deserialize<SnapshotIndexEntry>(line, Json)
                    ?? throw new SnapshotIntegrityException($"{what}, index: empty line");
            }
            catch (JsonException e)
            {
                throw new SnapshotIntegrityException($"{what}, index: unreadable line: {e.Message}", e);
            }
        }

        public async ValueTask DisposeAsync()
        {
            reader.Dispose();
            await zstd.DisposeAsync();
            await raw.DisposeAsync();
        }
    }
}
