using System.Net;
using System.Text.Json;
using k8s;

namespace KubeStash.Dumper.Collection;

/// <summary>
/// Raw GETs against the API server through KubernetesClient's own HTTP pipeline and credentials, so pages are read
/// as JSON documents without typed deserialisation.
/// </summary>
public sealed class KubernetesApi(Kubernetes client)
{
    private readonly HttpClient http = client.HttpClient;

    public Kubernetes Client => client;

    /// <summary>GETs <paramref name="pathAndQuery"/> and parses the body; null on 404.</summary>
    public async Task<JsonDocument?> GetAsync(string pathAndQuery, CancellationToken cancellationToken)
    {
        var baseUri = client.BaseUri.ToString().TrimEnd('/');
        using var request = new HttpRequestMessage(HttpMethod.Get, baseUri + pathAndQuery);
        request.Headers.Accept.ParseAdd("application/json");
        if (client.Credentials is not null)
        {
            await client.Credentials.ProcessHttpRequestAsync(request, cancellationToken);
        }

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new KubernetesApiException(response.StatusCode, $"GET {pathAndQuery} answered {(int)response.StatusCode} {response.ReasonPhrase}: {Message(body)}");
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
    }

    private static string Message(string body)
    {
        try
        {
            using var status = JsonDocument.Parse(body);
            if (status.RootElement.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String)
            {
                return message.GetString()!;
            }
        }
        catch (JsonException)
        {
        }

        return body.Length > 300 ? body[..300] : body;
    }
}
