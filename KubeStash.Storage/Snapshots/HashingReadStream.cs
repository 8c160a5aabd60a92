using System.Security.Cryptography;

namespace KubeStash.Storage.Snapshots;

/// <summary>
/// Passes an entry's data through to the tar writer while hashing and counting it. Reports the declared
/// length as seekable-style Length/Position because the tar writer sizes the entry from them (it never seeks).
/// </summary>
internal sealed class HashingReadStream(Stream inner, long length) : Stream
{
    private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private long read;
    private string? sha256;

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position { get => read; set => throw new NotSupportedException(); }

    public long BytesRead => read;

    /// <summary>The SHA-256 (hex) of everything read; call once the data has been read to its end.</summary>
    public string Sha256() => sha256 ??= Convert.ToHexStringLower(hash.GetHashAndReset());

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer[..(int)Math.Min(buffer.Length, length - read)]);
        hash.AppendData(buffer[..n]);
        read += n;
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var n = await inner.ReadAsync(buffer[..(int)Math.Min(buffer.Length, length - read)], cancellationToken);
        hash.AppendData(buffer.Span[..n]);
        read += n;
        return n;
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
            hash.Dispose();
        }

        base.Dispose(disposing);
    }
}
