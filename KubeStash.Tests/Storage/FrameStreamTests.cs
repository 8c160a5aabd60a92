using System.Buffers.Binary;
using System.Security.Cryptography;
using KubeStash.Storage.Crypto;

namespace KubeStash.Tests.Storage;

/// <summary>The sealed frame format on its own: what an attacker who can rewrite the stored bytes can and cannot do.</summary>
public sealed class FrameStreamTests
{
    private const int FrameSize = 1024;
    private static readonly EncryptionParameters Parameters = KeyDerivation.CreateParameters("pw", iterations: 1000, frameSize: FrameSize);

    private static RepositoryKey Key() => KeyDerivation.DeriveKey("pw", Parameters, "demo/repo");

    private static async Task<byte[]> SealAsync(byte[] plaintext)
    {
        using var key = Key();
        var sink = new MemoryStream();
        await using (var seal = new FrameEncryptingStream(sink, key, "test"))
        {
            await seal.WriteAsync(plaintext);
            await seal.CompleteAsync(CancellationToken.None);
        }

        return sink.ToArray();
    }

    private static async Task<byte[]> OpenAsync(byte[] sealedBytes)
    {
        using var key = Key();
        await using var open = new FrameDecryptingStream(new MemoryStream(sealedBytes), key, "test", "test stream");
        var output = new MemoryStream();
        await open.CopyToAsync(output);
        return output.ToArray();
    }

    /// <summary>Offsets of each frame (header excluded) in a sealed stream.</summary>
    private static List<(int Offset, int Length)> Frames(byte[] sealedBytes)
    {
        var frames = new List<(int, int)>();
        var offset = 40;
        while (offset < sealedBytes.Length)
        {
            var length = 5 + (int)BinaryPrimitives.ReadUInt32BigEndian(sealedBytes.AsSpan(offset + 1)) + 16;
            frames.Add((offset, length));
            offset += length;
        }

        return frames;
    }

    private static readonly byte[] Plaintext = RandomNumberGenerator.GetBytes((3 * FrameSize) + 500);

    [Test]
    public async Task Round_trips_and_ends_with_exactly_one_final_frame()
    {
        var sealedBytes = await SealAsync(Plaintext);
        (await OpenAsync(sealedBytes)).Should().Equal(Plaintext);
        var frames = Frames(sealedBytes);
        frames.Should().HaveCount(4);
        frames.Select(f => sealedBytes[f.Offset]).Should().Equal(0, 0, 0, 1);
    }

    [Test]
    public async Task Dropping_the_final_frame_is_reported_as_truncation()
    {
        var sealedBytes = await SealAsync(Plaintext);
        var last = Frames(sealedBytes)[^1];
        var open = () => OpenAsync(sealedBytes[..last.Offset]);
        await open.Should().ThrowAsync<CryptographicException>().WithMessage("*truncated*");
    }

    [Test]
    public async Task Cutting_a_frame_short_is_reported_as_truncation()
    {
        var sealedBytes = await SealAsync(Plaintext);
        var open = () => OpenAsync(sealedBytes[..^7]);
        await open.Should().ThrowAsync<CryptographicException>().WithMessage("*truncated inside frame 3*");
    }

    [Test]
    public async Task Swapping_two_frames_fails_authentication()
    {
        var sealedBytes = await SealAsync(Plaintext);
        var frames = Frames(sealedBytes);
        var swapped = sealedBytes.ToArray();
        sealedBytes.AsSpan(frames[1].Offset, frames[1].Length).CopyTo(swapped.AsSpan(frames[0].Offset));
        sealedBytes.AsSpan(frames[0].Offset, frames[0].Length).CopyTo(swapped.AsSpan(frames[1].Offset));
        var open = () => OpenAsync(swapped);
        await open.Should().ThrowAsync<CryptographicException>().WithMessage("*frame 0 failed authentication*");
    }

    [Test]
    public async Task Marking_an_inner_frame_final_fails_authentication()
    {
        var sealedBytes = await SealAsync(Plaintext);
        var frames = Frames(sealedBytes);
        var cut = sealedBytes[..(frames[1].Offset + frames[1].Length)];
        cut[frames[1].Offset] = 1;
        var open = () => OpenAsync(cut);
        await open.Should().ThrowAsync<CryptographicException>().WithMessage("*frame 1 failed authentication*");
    }

    [Test]
    public async Task Appending_after_the_final_frame_is_rejected()
    {
        var sealedBytes = await SealAsync(Plaintext);
        var extended = sealedBytes.Concat(sealedBytes[40..(40 + Frames(sealedBytes)[0].Length)]).ToArray();
        var open = () => OpenAsync(extended);
        await open.Should().ThrowAsync<CryptographicException>().WithMessage("*data follows the final frame*");
    }

    [Test]
    public async Task An_empty_stream_is_one_empty_final_frame()
    {
        var sealedBytes = await SealAsync([]);
        sealedBytes.Should().HaveCount(40 + 5 + 16);
        (await OpenAsync(sealedBytes)).Should().BeEmpty();
    }

    [Test]
    public async Task The_same_plaintext_seals_differently_each_time()
    {
        var first = await SealAsync(Plaintext);
        var second = await SealAsync(Plaintext);
        first.Should().NotEqual(second, "each stream has a random salt and thus its own key");
    }
}
