using System.Text;

namespace KubeStash.Benchmarks;

/// <summary>
/// Deterministic snapshot content of a given entry count and total size: 99 % manifest-like YAML of about
/// 1.6 KiB, 1 % larger base64-ish blobs (like big ConfigMaps/Secrets) that make up the rest of the size.
/// Buffers are reused, so generating costs no memory of its own.
/// </summary>
internal sealed class BenchmarkContent
{
    private readonly byte[] blob;
    private readonly byte[] yaml = new byte[4096];
    private readonly int blobEvery = 100;

    public BenchmarkContent(int entries, long totalBytes)
    {
        Entries = entries;
        var blobs = Math.Max(1, entries / blobEvery);
        var smallBytes = (long)(entries - blobs) * 1600;
        var blobSize = (int)Math.Clamp((totalBytes - smallBytes) / blobs, 1024, 64 << 20);
        blob = new byte[blobSize];
    }

    public int Entries { get; }

    public static string PathOf(int index) =>
        $"manifest/configmaps/namespaces/ns-{index % 100:D3}/object-{index:D7}.yaml";

    public ReadOnlyMemory<byte> Content(int index)
    {
        if (index % blobEvery == blobEvery - 1)
        {
            FillBase64Noise(blob, (ulong)index);
            return blob;
        }

        var text = new StringBuilder(1700)
            .Append("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: object-").Append(index).Append("\n  namespace: ns-").Append(index % 100)
            .Append("\n  resourceVersion: \"").Append(index * 31 % 1_000_003).Append("\"\n  labels:\n    app.kubernetes.io/name: app-").Append(index % 97)
            .Append("\n    app.kubernetes.io/instance: inst-").Append(index % 13).Append("\ndata:\n");
        for (var line = 0; text.Length < 1550; line++)
        {
            text.Append("  setting-").Append(line).Append(": value-").Append((index * 7919) + (line * 104_729)).Append('\n');
        }

        var length = Encoding.UTF8.GetBytes(text.ToString(), yaml);
        return yaml.AsMemory(0, length);
    }

    /// <summary>Base64-alphabet noise (like a Secret's data): about 75 % compressible, different for every seed.</summary>
    private static void FillBase64Noise(byte[] buffer, ulong seed)
    {
        ReadOnlySpan<byte> alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"u8;
        var state = (seed * 0x9E3779B97F4A7C15UL) | 1;
        for (var i = 0; i < buffer.Length; i += 8)
        {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            var bits = state;
            for (var j = 0; j < 8 && i + j < buffer.Length; j++, bits >>= 6)
            {
                buffer[i + j] = alphabet[(int)(bits & 63)];
            }
        }
    }
}
