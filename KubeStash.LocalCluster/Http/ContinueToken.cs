using System.Buffers.Text;
using System.Text;
using System.Text.Json.Nodes;

namespace KubeStash.LocalCluster.Http;

/// <summary>The list continue token, shaped like kube-apiserver's: the pinned resourceVersion and the key to resume after.</summary>
internal sealed record ContinueToken(long ResourceVersion, string AfterKey)
{
    public string Encode()
    {
        var json = new JsonObject { ["v"] = "meta.k8s.io/v1", ["rv"] = ResourceVersion, ["start"] = AfterKey + "\0" }.ToJsonString();
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));
    }

    public static ContinueToken Decode(string text)
    {
        try
        {
            var json = JsonNode.Parse(Base64Url.DecodeFromChars(text))?.AsObject() ?? throw new FormatException("empty");
            var start = json["start"]?.GetValue<string>() ?? throw new FormatException("no start key");
            if (json["v"]?.GetValue<string>() != "meta.k8s.io/v1" || !start.EndsWith('\0'))
            {
                throw new FormatException("unrecognized token");
            }
            var rv = json["rv"]?.GetValue<long>() ?? throw new FormatException("no resourceVersion");
            return new ContinueToken(rv, start[..^1]);
        }
        catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException or InvalidOperationException)
        {
            throw ApiErrors.BadRequest($"continue key is not valid: {ex.Message}");
        }
    }
}
