namespace KubeStash.Storage;

/// <summary>
/// A forward-only, read-only stream over blocks that a subclass produces one at a time (a decrypted frame, a verified
/// part): callers read through the current block, and the next one is asked for only when it is used up.
/// </summary>
internal abstract class BlockReadStream : Stream
{
    private ReadOnlyMemory<byte> block;
    private bool ended;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (block.IsEmpty)
        {
            if (ended)
            {
                return 0;
            }

            block = await ReadBlockAsync(cancellationToken);
            ended = block.IsEmpty;
        }

        var take = Math.Min(buffer.Length, block.Length);
        block[..take].CopyTo(buffer);
        block = block[take..];
        return take;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>
    /// The next non-empty block, valid until the next call; empty once the stream has ended (after every end-of-stream
    /// check has passed — a failed check throws instead).
    /// </summary>
    protected abstract ValueTask<ReadOnlyMemory<byte>> ReadBlockAsync(CancellationToken cancellationToken);
}
