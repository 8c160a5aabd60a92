using System.Buffers.Binary;
using System.Security.Cryptography;

namespace KubeStash.Storage.Crypto;

/// <summary>
/// Write-only stream that seals what is written into AES-256-GCM frames (see <see cref="FrameFormat"/>). Plaintext is
/// gathered straight into the frame and sealed in place: one frame-sized buffer per stream, not two.
/// </summary>
internal sealed class FrameEncryptingStream : Stream
{
    private readonly Stream inner;
    private readonly AesGcm aes;
    private readonly byte[] header = new byte[FrameFormat.HeaderSize];
    private readonly byte[] frame;
    private readonly int frameSize;
    private int buffered;
    private ulong counter;
    private bool headerWritten;
    private bool completed;

    public FrameEncryptingStream(Stream inner, RepositoryKey key, string purpose)
    {
        this.inner = inner;
        frameSize = key.FrameSize;
        frame = new byte[FrameFormat.FramePrefixSize + frameSize + FrameFormat.TagSize];
        FrameFormat.Magic.CopyTo(header);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), (uint)frameSize);
        RandomNumberGenerator.Fill(header.AsSpan(8, FrameFormat.SaltSize));
        var subkey = key.DeriveSubkey(purpose, header.AsSpan(8, FrameFormat.SaltSize));
        aes = new AesGcm(subkey, FrameFormat.TagSize);
        CryptographicOperations.ZeroMemory(subkey);
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => !completed;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(completed, this);
        while (buffer.Length > 0)
        {
            var take = Math.Min(buffer.Length, frameSize - buffered);
            buffer[..take].CopyTo(frame.AsMemory(FrameFormat.FramePrefixSize + buffered));
            buffered += take;
            buffer = buffer[take..];
            if (buffered == frameSize)
            {
                // A full frame is written only when more data follows, so the last frame is always the final one.
                if (buffer.Length > 0)
                {
                    await SealAsync(final: false, cancellationToken);
                }
            }
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Seals the remaining data as the final frame. Without it the stream reads as truncated.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        if (!completed)
        {
            await SealAsync(final: true, cancellationToken);
            completed = true;
        }
    }

    public override void Flush()
    {
        // Frames are emitted whole; there is nothing partial worth flushing.
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            aes.Dispose();
            CryptographicOperations.ZeroMemory(frame);
        }

        base.Dispose(disposing);
    }

    private async Task SealAsync(bool final, CancellationToken cancellationToken)
    {
        if (!headerWritten)
        {
            await inner.WriteAsync(header, cancellationToken);
            headerWritten = true;
        }

        var length = buffered;
        frame[0] = final ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)length);
        Seal(length);
        await inner.WriteAsync(frame.AsMemory(0, FrameFormat.FramePrefixSize + length + FrameFormat.TagSize), cancellationToken);
        buffered = 0;
        counter++;
    }

    private void Seal(int length)
    {
        Span<byte> nonce = stackalloc byte[FrameFormat.NonceSize];
        Span<byte> associated = stackalloc byte[FrameFormat.AssociatedDataSize];
        FrameFormat.WriteNonce(nonce, counter);
        FrameFormat.WriteAssociatedData(associated, header, counter, frame.AsSpan(0, FrameFormat.FramePrefixSize));
        var body = frame.AsSpan(FrameFormat.FramePrefixSize, length);
        var tag = frame.AsSpan(FrameFormat.FramePrefixSize + length, FrameFormat.TagSize);
        aes.Encrypt(nonce, body, body, tag, associated);
    }
}
