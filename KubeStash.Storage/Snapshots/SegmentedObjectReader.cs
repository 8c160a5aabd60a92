using System.Security.Cryptography;

namespace KubeStash.Storage.Snapshots;

/// <summary>
/// Read-only stream over a segmented object: fetches part after part (the next one while the current is
/// being read), checks every part's size and SHA-256 against the commit record, and the whole stream's
/// SHA-256 at its end. Each part is fetched whole, so a failed fetch is simply retried.
/// </summary>
internal sealed class SegmentedObjectReader(IObjectStore store, SegmentedObjectInfo info, string what) : Stream
{
    private readonly IncrementalHash total = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private Task<byte[]>? next;
    private byte[] current = [];
    private int offset;
    private int index = -1;
    private bool finished;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => info.Size;

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (offset == current.Length)
        {
            if (finished)
            {
                return 0;
            }

            await AdvanceAsync(cancellationToken);
        }

        var take = Math.Min(buffer.Length, current.Length - offset);
        current.AsMemory(offset, take).CopyTo(buffer);
        offset += take;
        return take;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            total.Dispose();
        }

        base.Dispose(disposing);
    }

    private async Task AdvanceAsync(CancellationToken cancellationToken)
    {
        index++;
        if (index == info.Parts.Count)
        {
            finished = true;
            current = [];
            offset = 0;
            var sha = Convert.ToHexStringLower(total.GetHashAndReset());
            if (sha != info.Sha256)
            {
                throw new SnapshotIntegrityException($"{what}: SHA-256 of the whole stream is {sha}, the commit record says {info.Sha256}");
            }

            return;
        }

        var data = await (next ?? Fetch(index, cancellationToken));
        next = index + 1 < info.Parts.Count ? Fetch(index + 1, cancellationToken) : null;
        var expected = info.Parts[index];

        // A mismatch is fetched again before it is called corruption: a body cut short in transit is not damage
        // at rest, and stored damage will still be there on the second look.
        for (var attempt = 1; ; attempt++)
        {
            var problem = data.Length != expected.Size
                ? $"part {index} has {data.Length} bytes, the commit record says {expected.Size}"
                : Convert.ToHexStringLower(SHA256.HashData(data)) is var sha256 && sha256 != expected.Sha256
                    ? $"part {index} has SHA-256 {sha256}, the commit record says {expected.Sha256}"
                    : null;
            if (problem is null)
            {
                break;
            }

            if (attempt == 3)
            {
                throw new SnapshotIntegrityException($"{what}: {problem}");
            }

            data = await Fetch(index, cancellationToken);
        }

        total.AppendData(data);
        current = data;
        offset = 0;
    }

    private Task<byte[]> Fetch(int part, CancellationToken cancellationToken) =>
        FetchAsync(SegmentedObjectInfo.PartKey(info.Key, part), cancellationToken);

    private async Task<byte[]> FetchAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            return await store.GetAsync(key, cancellationToken);
        }
        catch (StorageException e) when (e.Kind == StorageErrorKind.NotFound)
        {
            throw new SnapshotIntegrityException($"{what}: part \"{key}\" listed in the commit record is missing from {store.Description}", e);
        }
    }
}
