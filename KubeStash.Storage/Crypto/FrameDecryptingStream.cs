using System.Buffers.Binary;
using System.Security.Cryptography;

namespace KubeStash.Storage.Crypto;

/// <summary>
/// Read-only stream that opens frames written by <see cref="FrameEncryptingStream"/>, authenticating each frame
/// before any of its bytes are returned. Truncation (no final frame), trailing data and tampering all throw
/// <see cref="CryptographicException"/> with a message saying which. Each frame is opened in place: its buffer
/// holds the ciphertext and then the plaintext handed out.
/// </summary>
internal sealed class FrameDecryptingStream(Stream inner, RepositoryKey key, string purpose, string what) : BlockReadStream
{
    private readonly byte[] header = new byte[FrameFormat.HeaderSize];
    private AesGcm? aes;
    private byte[] frame = [];
    private ulong counter;
    private bool finalSeen;

    protected override async ValueTask<ReadOnlyMemory<byte>> ReadBlockAsync(CancellationToken cancellationToken)
    {
        while (!finalSeen)
        {
            var length = await OpenNextFrameAsync(cancellationToken);
            if (length > 0)
            {
                return frame.AsMemory(FrameFormat.FramePrefixSize, length);
            }
        }

        return ReadOnlyMemory<byte>.Empty;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            aes?.Dispose();
            CryptographicOperations.ZeroMemory(frame);
        }

        base.Dispose(disposing);
    }

    private async Task<int> OpenNextFrameAsync(CancellationToken cancellationToken)
    {
        if (aes is null)
        {
            if (await inner.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken) < header.Length
                || !header.AsSpan(0, 4).SequenceEqual(FrameFormat.Magic))
            {
                throw new CryptographicException($"{what}: not an encrypted KubeStash stream (bad or missing header)");
            }

            var frameSize = (int)BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(4));
            if (frameSize != key.FrameSize)
            {
                throw new CryptographicException($"{what}: frame size {frameSize} differs from the repository's {key.FrameSize}");
            }

            frame = new byte[FrameFormat.FramePrefixSize + frameSize + FrameFormat.TagSize];
            var subkey = key.DeriveSubkey(purpose, header.AsSpan(8, FrameFormat.SaltSize));
            aes = new AesGcm(subkey, FrameFormat.TagSize);
            CryptographicOperations.ZeroMemory(subkey);
        }

        if (await inner.ReadAtLeastAsync(frame.AsMemory(0, FrameFormat.FramePrefixSize), FrameFormat.FramePrefixSize, throwOnEndOfStream: false, cancellationToken) < FrameFormat.FramePrefixSize)
        {
            throw new CryptographicException($"{what}: truncated: the stream ends after frame {counter} without its final frame");
        }

        var final = frame[0];
        var length = (int)BinaryPrimitives.ReadUInt32BigEndian(frame.AsSpan(1));
        if (final > 1 || length > frame.Length - FrameFormat.FramePrefixSize - FrameFormat.TagSize)
        {
            throw new CryptographicException($"{what}: frame {counter} has a corrupt header");
        }

        var body = frame.AsMemory(FrameFormat.FramePrefixSize, length + FrameFormat.TagSize);
        if (await inner.ReadAtLeastAsync(body, body.Length, throwOnEndOfStream: false, cancellationToken) < body.Length)
        {
            throw new CryptographicException($"{what}: truncated inside frame {counter}");
        }

        Span<byte> nonce = stackalloc byte[FrameFormat.NonceSize];
        Span<byte> associated = stackalloc byte[FrameFormat.AssociatedDataSize];
        FrameFormat.WriteNonce(nonce, counter);
        FrameFormat.WriteAssociatedData(associated, header, counter, frame.AsSpan(0, FrameFormat.FramePrefixSize));
        try
        {
            var sealedText = frame.AsSpan(FrameFormat.FramePrefixSize, length);
            aes.Decrypt(nonce, sealedText, frame.AsSpan(FrameFormat.FramePrefixSize + length, FrameFormat.TagSize), sealedText, associated);
        }
        catch (AuthenticationTagMismatchException e)
        {
            throw new CryptographicException($"{what}: frame {counter} failed authentication (tampered, reordered or wrong key)", e);
        }

        counter++;
        if (final == 1)
        {
            finalSeen = true;
            var probe = new byte[1];
            if (await inner.ReadAsync(probe, cancellationToken) != 0)
            {
                throw new CryptographicException($"{what}: data follows the final frame");
            }
        }

        return length;
    }
}
