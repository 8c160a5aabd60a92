using System.Buffers;
using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text.Json;
using KubeStash.Storage.Crypto;
using ZstdSharp;
using ZstdSharp.Unsafe;

namespace KubeStash.Storage.Snapshots;

/// <summary>
/// Writes one snapshot as it is produced: entries go into a tar stream, compressed with zstd, optionally sealed
/// in AES-256-GCM frames, and uploaded part by part (<c>archive/000000…</c>). An index (path, size, SHA-256
/// per entry, in archive order) is written alongside (<c>index/…</c>) the same way. <see cref="CommitAsync"/>
/// writes <c>commit.yaml</c> last; until then the snapshot does not exist for readers. Disposing an
/// uncommitted writer deletes what it uploaded (best effort).
/// </summary>
public sealed class SnapshotWriter : IAsyncDisposable
{
    private static readonly DateTimeOffset EntryTime = DateTimeOffset.UnixEpoch;

    /// <summary>
    /// log2 of the index's zstd window (128 KiB). At the default level the window would be 2 MiB, and zstd holds a
    /// window-sized buffer on both sides — here and in every reader — for a stream that gains nothing from it: each
    /// line is a fresh SHA-256 beside a path that repeats the lines just before it.
    /// </summary>
    private const int IndexWindowLog = 17;

    /// <summary>Bytes per index part (256 KiB).</summary>
    private const int IndexPartSize = 256 << 10;
    private readonly IObjectStore store;
    private readonly string prefix;
    private readonly string snapshot;
    private readonly RepositoryKey? key;
    private readonly SegmentedObjectWriter archiveParts;
    private readonly SegmentedObjectWriter indexParts;
    private readonly FrameEncryptingStream? archiveSeal;
    private readonly FrameEncryptingStream? indexSeal;
    private readonly CompressionStream archiveZstd;
    private readonly CompressionStream indexZstd;
    private readonly TarWriter tar;
    private readonly ArrayBufferWriter<byte> indexLine = new(512);
    private readonly Utf8JsonWriter indexJson;
    private long entries;
    private long totalBytes;
    private bool committed;
    private bool failed;

    private SnapshotWriter(IObjectStore store, string prefix, string snapshot, RepositoryKey? key, SnapshotWriterOptions options, CancellationToken cancellationToken)
    {
        this.store = store;
        this.prefix = prefix;
        this.snapshot = snapshot;
        this.key = key;
        archiveParts = new SegmentedObjectWriter(store, SnapshotFormat.Join(prefix, SnapshotFormat.ArchiveName), options.PartSize, options.ParallelUploads, cancellationToken);
        // The index is a small fraction of the archive (~60 bytes a entry once compressed): small parts keep its
        // buffers, here and in every reader, at a fraction of a MiB.
        indexParts = new SegmentedObjectWriter(store, SnapshotFormat.Join(prefix, SnapshotFormat.IndexName), Math.Min(options.PartSize, IndexPartSize), 1, cancellationToken);
        Stream archiveSink = archiveParts;
        Stream indexSink = indexParts;
        if (key is not null)
        {
            archiveSink = archiveSeal = new FrameEncryptingStream(archiveParts, key, SnapshotFormat.ArchivePurpose);
            indexSink = indexSeal = new FrameEncryptingStream(indexParts, key, SnapshotFormat.IndexPurpose);
        }

        archiveZstd = new CompressionStream(archiveSink, options.CompressionLevel, leaveOpen: true);
        indexZstd = new CompressionStream(indexSink, options.CompressionLevel, leaveOpen: true);
        indexZstd.SetParameter(ZSTD_cParameter.ZSTD_c_windowLog, IndexWindowLog);
        tar = new TarWriter(archiveZstd, TarEntryFormat.Gnu, leaveOpen: true);
        indexJson = new Utf8JsonWriter(indexLine, new JsonWriterOptions { SkipValidation = true });
    }

    public string Snapshot => snapshot;

    /// <summary>
    /// Starts a snapshot under <paramref name="snapshotPrefix"/> (see <c>StorageLayout.SnapshotDataPrefix</c>).
    /// With a <paramref name="key"/> the archive and index are encrypted. Refuses a prefix that already holds a commit record.
    /// </summary>
    public static async Task<SnapshotWriter> CreateAsync(
        IObjectStore store,
        string snapshotPrefix,
        string snapshot,
        RepositoryKey? key,
        SnapshotWriterOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        if (await store.StatAsync(SnapshotFormat.Join(snapshotPrefix, SnapshotFormat.CommitName), cancellationToken) is not null)
        {
            throw new InvalidOperationException($"snapshot {snapshot} is already committed in {store.Description} at \"{snapshotPrefix}\"; a snapshot is written once");
        }

        return new SnapshotWriter(store, snapshotPrefix, snapshot, key, options ?? new SnapshotWriterOptions(), cancellationToken);
    }

    /// <summary>Adds an entry from memory.</summary>
    public Task AddAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default) =>
        // Hashed in one call before it is written: no incremental hash state per entry, and a snapshot of small
        // manifests has hundreds of thousands of them.
        AddEntryAsync(path, new ReadOnlyMemoryStream(content), content.Length, () => Sha256Hex(content.Span), cancellationToken);

    /// <summary>Adds an entry streamed from <paramref name="content"/>, which must yield exactly <paramref name="length"/> bytes.</summary>
    public async Task AddAsync(string path, Stream content, long length, CancellationToken cancellationToken = default)
    {
        using var hashing = new HashingReadStream(content, length);
        await AddEntryAsync(
            path,
            hashing,
            length,
            () => hashing.BytesRead == length
                ? hashing.Sha256()
                : throw new InvalidDataException($"entry \"{path}\" of snapshot {snapshot}: its stream gave {hashing.BytesRead} bytes, {length} were declared"),
            cancellationToken);
    }

    private async Task AddEntryAsync(string path, Stream data, long length, Func<string> sha256, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(committed, this);
        SnapshotFormat.ValidateEntryPath(path);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        try
        {
            var entry = new GnuTarEntry(TarEntryType.RegularFile, path)
            {
                DataStream = data,
                ModificationTime = EntryTime,
                Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
            };
            await tar.WriteEntryAsync(entry, cancellationToken);
            WriteIndexLine(new SnapshotIndexEntry(path, length, sha256()));
            entries++;
            totalBytes += length;
        }
        catch
        {
            failed = true;
            throw;
        }
    }

    private static string Sha256Hex(ReadOnlySpan<byte> content)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(content, digest);
        return Convert.ToHexStringLower(digest);
    }

    /// <summary>Finishes both streams, waits for every part, then writes the commit record. Returns it.</summary>
    public async Task<CommitRecord> CommitAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(committed, this);
        if (failed)
        {
            throw new InvalidOperationException($"snapshot {snapshot} cannot be committed: an entry failed to be written");
        }

        try
        {
            await tar.DisposeAsync();
            await archiveZstd.DisposeAsync();
            if (archiveSeal is not null)
            {
                await archiveSeal.CompleteAsync(cancellationToken);
            }

            await indexZstd.DisposeAsync();
            if (indexSeal is not null)
            {
                await indexSeal.CompleteAsync(cancellationToken);
            }

            var archive = await archiveParts.CompleteAsync(cancellationToken);
            var index = await indexParts.CompleteAsync(cancellationToken);
            var record = new CommitRecord
            {
                Snapshot = snapshot,
                CreatedAt = SnapshotFormat.Now(),
                Encryption = key is null ? "none" : KeyDerivation.AlgorithmName,
                Entries = entries,
                TotalBytes = totalBytes,
                Archive = archive,
                Index = index,
            };
            record = record with { Checksum = SnapshotFormat.Checksum(record, key) };
            await store.PutAsync(SnapshotFormat.Join(prefix, SnapshotFormat.CommitName), StorageYaml.Serialize(record), cancellationToken);
            committed = true;
            return record;
        }
        catch
        {
            failed = true;
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await indexJson.DisposeAsync();
        if (!committed)
        {
            try
            {
                tar.Dispose();
                archiveZstd.Dispose();
                indexZstd.Dispose();
            }
            catch (Exception e) when (e is StorageException or IOException or InvalidOperationException or ObjectDisposedException or System.Threading.Channels.ChannelClosedException)
            {
                // Abandoning: the streams' closing bytes have nowhere to go once the upload has failed.
            }
        }

        archiveSeal?.Dispose();
        indexSeal?.Dispose();
        await archiveParts.DisposeAsync();
        await indexParts.DisposeAsync();
        if (!committed)
        {
            try
            {
                await store.DeletePrefixAsync(prefix.TrimEnd('/') + "/", CancellationToken.None);
            }
            catch (StorageException)
            {
                // Uncommitted leftovers are invisible to readers; a later cleanup can remove them.
            }
        }
    }

    private void WriteIndexLine(SnapshotIndexEntry entry)
    {
        indexLine.ResetWrittenCount();
        indexJson.Reset(indexLine);
        indexJson.WriteStartObject();
        indexJson.WriteString("path"u8, entry.Path);
        indexJson.WriteNumber("size"u8, entry.Size);
        indexJson.WriteString("sha256"u8, entry.Sha256);
        indexJson.WriteEndObject();
        indexJson.Flush();
        indexLine.Write("\n"u8);
        indexZstd.Write(indexLine.WrittenSpan);
    }

    /// <summary>
    /// A read-only, non-copying view of a memory block; seekable-style Length/Position because the tar writer sizes the
    /// entry from them (it never seeks).
    /// </summary>
    private sealed class ReadOnlyMemoryStream(ReadOnlyMemory<byte> memory) : Stream
    {
        private int position;

        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length => memory.Length;

        public override long Position { get => position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var take = Math.Min(buffer.Length, memory.Length - position);
            memory.Span.Slice(position, take).CopyTo(buffer);
            position += take;
            return take;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(Read(buffer.AsSpan(offset, count)));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
