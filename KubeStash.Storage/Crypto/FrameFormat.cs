using System.Buffers.Binary;

namespace KubeStash.Storage.Crypto;

/// <summary>
/// The sealed stream format. Header: magic "KSE1", frame size (uint32 BE), 32-byte random stream salt.
/// Then frames: flag (1 = final) | plaintext length (uint32 BE) | ciphertext | 16-byte GCM tag.
/// Each stream has its own key, HKDF(master, salt = stream salt, info = purpose), so the nonce can be the
/// frame counter. The associated data binds the header, the counter, the final flag and the length: frames
/// cannot be reordered, dropped, truncated or appended to without failing authentication.
/// </summary>
internal static class FrameFormat
{
    public const int SaltSize = 32;
    public const int HeaderSize = 4 + 4 + SaltSize;
    public const int FramePrefixSize = 1 + 4;
    public const int TagSize = 16;
    public const int NonceSize = 12;
    public const int AssociatedDataSize = HeaderSize + 8 + FramePrefixSize;
    public static ReadOnlySpan<byte> Magic => "KSE1"u8;

    public static void WriteNonce(Span<byte> nonce, ulong counter)
    {
        nonce[..4].Clear();
        BinaryPrimitives.WriteUInt64BigEndian(nonce[4..], counter);
    }

    public static void WriteAssociatedData(Span<byte> destination, ReadOnlySpan<byte> header, ulong counter, ReadOnlySpan<byte> framePrefix)
    {
        header.CopyTo(destination);
        BinaryPrimitives.WriteUInt64BigEndian(destination[HeaderSize..], counter);
        framePrefix.CopyTo(destination[(HeaderSize + 8)..]);
    }
}
