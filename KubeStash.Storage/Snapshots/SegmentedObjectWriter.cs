using System.Security.Cryptography;
using System.Threading.Channels;

namespace KubeStash.Storage.Snapshots;

/// <summary>
/// Write-only stream that stores what is written as a sequence of bounded parts, uploading each part while
/// the next is being filled. It owns exactly one buffer per upload in flight plus the one being filled: when every
/// upload is busy, the writer waits for one to hand its buffer back rather than allocating another, so memory is
/// (parallel uploads + 1) parts whatever the total size and however slow the store. Each part is a whole buffer
/// that the store can re-send on a transient failure (retry per part, never re-reading a stream).
/// </summary>
internal sealed class SegmentedObjectWriter : Stream
{
    private readonly IObjectStore store;
    private readonly string key;
    private readonly int partSize;
    private readonly Channel<(int Index, byte[] Buffer, int Length)> pending;
    private readonly Channel<byte[]> free;
    private readonly int bufferLimit;
    private readonly IncrementalHash total = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly List<SegmentInfo> parts = [];
    private readonly Task[] uploaders;
    private readonly CancellationTokenSource abort;
    private byte[] current;
    private int buffers;
    private int filled;
    private long size;
    private bool completed;

    public SegmentedObjectWriter(IObjectStore store, string key, int partSize, int parallelUploads, CancellationToken cancellationToken)
    {
        this.store = store;
        this.key = key;
        this.partSize = partSize;
        abort = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        current = new byte[partSize];
        buffers = 1;
        bufferLimit = parallelUploads + 1;
        // Neither channel needs a bound of its own: no more parts can be pending than there are buffers.
        pending = Channel.CreateUnbounded<(int, byte[], int)>(new UnboundedChannelOptions { SingleWriter = true });
        free = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });
        uploaders = Enumerable.Range(0, parallelUploads).Select(_ => Task.Run(UploadLoopAsync)).ToArray();
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => !completed;

    public override long Length => size;

    public override long Position { get => size; set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(completed, this);
        while (buffer.Length > 0)
        {
            if (current.Length == 0)
            {
                throw new IOException($"\"{key}\": an earlier part could not be handed to an upload (failed or cancelled); nothing more can be written");
            }

            var take = Math.Min(buffer.Length, partSize - filled);
            buffer[..take].CopyTo(current.AsMemory(filled));
            filled += take;
            buffer = buffer[take..];
            if (filled == partSize)
            {
                await ShipCurrentAsync(last: false, cancellationToken);
            }
        }
    }

    /// <summary>Uploads the last part, waits for every upload and returns what was stored.</summary>
    public async Task<SegmentedObjectInfo> CompleteAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(completed, this);
        if (filled > 0 || parts.Count == 0)
        {
            await ShipCurrentAsync(last: true, cancellationToken);
        }

        completed = true;
        pending.Writer.Complete();
        await Task.WhenAll(uploaders);
        return new SegmentedObjectInfo
        {
            Key = key,
            Size = size,
            Sha256 = Convert.ToHexStringLower(total.GetHashAndReset()),
            Parts = parts,
        };
    }

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override async ValueTask DisposeAsync()
    {
        if (!completed)
        {
            completed = true;
            pending.Writer.TryComplete();
            await abort.CancelAsync();
            try
            {
                await Task.WhenAll(uploaders);
            }
            catch (Exception e) when (e is OperationCanceledException or StorageException)
            {
                // The write is being abandoned; its own error has already been reported to the caller.
            }
        }

        total.Dispose();
        abort.Dispose();
        await base.DisposeAsync();
    }

    private async Task ShipCurrentAsync(bool last, CancellationToken cancellationToken)
    {
        var data = current.AsSpan(0, filled);
        total.AppendData(data);
        parts.Add(new SegmentInfo { Size = filled, Sha256 = Convert.ToHexStringLower(SHA256.HashData(data)) });
        size += filled;
        var part = (parts.Count - 1, current, filled);
        filled = 0;
        try
        {
            if (!pending.Writer.TryWrite(part))
            {
                throw new ChannelClosedException();
            }

            // The shipped buffer belongs to the uploads now: should the wait below be cancelled, nothing may write to it.
            current = [];
            if (!last)
            {
                current = await NextBufferAsync(cancellationToken);
            }
        }
        catch (Exception e) when (e is ChannelClosedException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // An uploader failed and closed the channel: surface its error.
            await Task.WhenAll(uploaders);
            throw;
        }
    }

    /// <summary>A buffer an upload has handed back, a new one while fewer than the limit exist, or else the next one handed back.</summary>
    private async ValueTask<byte[]> NextBufferAsync(CancellationToken cancellationToken)
    {
        if (free.Reader.TryRead(out var returned))
        {
            return returned;
        }

        if (buffers < bufferLimit)
        {
            buffers++;
            return new byte[partSize];
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, abort.Token);
        return await free.Reader.ReadAsync(linked.Token);
    }

    private async Task UploadLoopAsync()
    {
        try
        {
            await foreach (var (index, buffer, length) in pending.Reader.ReadAllAsync(abort.Token))
            {
                await store.PutAsync(SegmentedObjectInfo.PartKey(key, index), buffer.AsMemory(0, length), abort.Token);
                free.Writer.TryWrite(buffer);
            }
        }
        catch (Exception e)
        {
            pending.Writer.TryComplete(e);
            await abort.CancelAsync();
            throw;
        }
    }
}
