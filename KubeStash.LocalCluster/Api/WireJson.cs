using System.Text.Encodings.Web;
using System.Text.Json;

namespace KubeStash.LocalCluster.Api;

/// <summary>How JSON goes on the wire: compact, and escaping only what JSON requires (as Go's encoder does for quotes).</summary>
internal static class WireJson
{
    public static JsonSerializerOptions Options { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Bytes<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);
}
