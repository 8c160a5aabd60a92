using System.Security.Cryptography;

namespace KubeStash.Storage.Snapshots;

/// <summary>
/// Read-only stream over a segmented object: fetches part after part (the next one while the current is
/// being read), checks every part's size and SHA-256 against the commit record, and the whole stream's
/// SHA-256 at its end. Each part is read whole into one of two reused buffers, so a fetch that fails part-way
/// is simply started again, and reading a snapshot of any size allocates no more than two parts.
/// </summary>
internal sealed class SegmentedObjectReader(IObjectStore store, SegmentedObjectInfo info, string what) : BlockReadStream
{
    private const int MaxFetchAttempts = 6;
    private readonly IncrementalHash total = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly int bufferSize = (int)Math.Min(int.MaxValue - 1, (info.Parts.Count == 0 ? 0 : info.Parts.Max(p => p.Size)) + 1);
    private byte[] current = [];
    private byte[] spare = [];
    private Task<int>? next;
    private int index = -1;
    private bool finished;

    public override long Length => info.Size;

    protected override async ValueTask<ReadOnlyMemory<byte>> ReadBlockAsync(CancellationToken cancellationToken)
    {
        while (!finished)
        {
            var length = await AdvanceAsync(cancellationToken);
            if (length > 0)
            {
                return current.AsMemory(0, length);
            }
        }

        return ReadOnlyMemory<byte>.Empty;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            total.Dispose();
        }

        base.Dispose(disposing);
    }

    private async Task<int> AdvanceAsync(CancellationToken cancellationToken)
    {
        index++;
        if (index == info.Parts.Count)
        {
            finished = true;
            var sha = Convert.ToHexStringLower(total.GetHashAndReset());
            if (sha != info.Sha256)
            {
                throw new SnapshotIntegrityException($"{what}: SHA-256 of the whole stream is {sha}, the commit record says {info.Sha256}");
            }

            return 0;
        }

        if (current.Length == 0)
        {
            current = new byte[bufferSize];
            spare = new byte[bufferSize];
        }

        // The previous part has been consumed: its buffer receives the part after this one while this one is read.
        var fetched = await (next ?? FetchAsync(index, current, cancellationToken));
        if (next is not null)
        {
            (current, spare) = (spare, current);
        }

        next = index + 1 < info.Parts.Count ? FetchAsync(index + 1, spare, cancellationToken) : null;
        var expected = info.Parts[index];

        // A mismatch is fetched again before it is called corruption: a body cut short in transit is not damage
        // at rest, and stored damage will still be there on the second look.
        for (var attempt = 1; ; attempt++)
        {
            var problem = fetched != expected.Size
                ? $"part {index} has {(fetched > expected.Size ? "more than " + expected.Size : fetched)} bytes, the commit record says {expected.Size}"
                : Convert.ToHexStringLower(SHA256.HashData(current.AsSpan(0, fetched))) is var sha256 && sha256 != expected.Sha256
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

            fetched = await FetchAsync(index, current, cancellationToken);
        }

        total.AppendData(current, 0, fetched);
        return fetched;
    }

    /// <summary>Reads part <paramref name="part"/> into <paramref name="buffer"/> (one byte more than expected, to notice an overlong part).</summary>
    private async Task<int> FetchAsync(int part, byte[] buffer, CancellationToken cancellationToken)
    {
        var key = SegmentedObjectInfo.PartKey(info.Key, part);
        var want = (int)Math.Min(buffer.Length, info.Parts[part].Size + 1);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var stream = await store.OpenReadAsync(key, cancellationToken);
                return await stream.ReadAtLeastAsync(buffer.AsMemory(0, want), want, throwOnEndOfStream: false, cancellationToken);
            }
            catch (StorageException e) when (e.Kind == StorageErrorKind.NotFound)
            {
                throw new SnapshotIntegrityException($"{what}: part \"{key}\" listed in the commit record is missing from {store.Description}", e);
            }
            catch (Exception e) when (attempt < MaxFetchAttempts && IsTransportFailure(e, cancellationToken))
            {
                // Opening is retried by the store; a body that breaks off half-way is retried here, from the start.
                await Task.Delay(TimeSpan.FromMilliseconds(100 * (1 << attempt)), cancellationToken);
            }
        }
    }

    private static bool IsTransportFailure(Exception e, CancellationToken cancellationToken) => e switch
    {
        OperationCanceledException when cancellationToken.IsCancellationRequested => false,
        StorageException storage => storage.IsTransient,
        SnapshotIntegrityException => false,
        _ => true,
    };
}
