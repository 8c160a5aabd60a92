using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using k8s;
using k8s.Models;
using KubeStash.Operator.Runtime.Entities;

namespace KubeStash.Operator.Runtime.Client;

/// <summary>
/// <see cref="IEntityClient"/> over the HTTP pipeline of a <see cref="Kubernetes"/> client (its TLS settings and
/// credentials), so one code path serves every entity type, and watch streams and error statuses stay under our control.
/// </summary>
public sealed class KubernetesEntityClient(Kubernetes kubernetes) : IEntityClient
{
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json");

    public async Task<TEntity?> GetAsync<TEntity>(string name, string? @namespace, CancellationToken cancellationToken)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
    {
        var type = EntityType.Of<TEntity>();
        try
        {
            return await SendAsync<TEntity>(HttpMethod.Get, type.ObjectPath(@namespace, name), null, null, cancellationToken);
        }
        catch (KubernetesApiException e) when (e.IsNotFound)
        {
            return null;
        }
    }

    public Task<EntityList<TEntity>> ListAsync<TEntity>(string? @namespace, string? labelSelector, CancellationToken cancellationToken)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
    {
        var type = EntityType.Of<TEntity>();
        var query = string.IsNullOrEmpty(labelSelector) ? string.Empty : "?labelSelector=" + Uri.EscapeDataString(labelSelector);
        return SendAsync<EntityList<TEntity>>(HttpMethod.Get, type.CollectionPath(@namespace) + query, null, null, cancellationToken);
    }

    public async IAsyncEnumerable<EntityWatchEvent<TEntity>> WatchAsync<TEntity>(
        string? @namespace,
        string? labelSelector,
        string? resourceVersion,
        TimeSpan timeout,
        [EnumeratorCancellation] CancellationToken cancellationToken)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
    {
        var type = EntityType.Of<TEntity>();
        var query = new StringBuilder("?watch=true&allowWatchBookmarks=true");
        query.Append(CultureInfo.InvariantCulture, $"&timeoutSeconds={Math.Max(1, (int)timeout.TotalSeconds)}");
        if (!string.IsNullOrEmpty(resourceVersion))
        {
            query.Append("&resourceVersion=").Append(Uri.EscapeDataString(resourceVersion));
        }

        if (!string.IsNullOrEmpty(labelSelector))
        {
            query.Append("&labelSelector=").Append(Uri.EscapeDataString(labelSelector));
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(kubernetes.BaseUri, type.CollectionPath(@namespace) + query));
        using var response = await SendRawAsync(request, cancellationToken);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            yield return ParseWatchLine<TEntity>(line, type);
        }
    }

    public Task<TEntity> CreateAsync<TEntity>(TEntity entity, CancellationToken cancellationToken)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
    {
        var type = EntityType.Of<TEntity>();
        Stamp(entity, type);
        return SendAsync<TEntity>(
            HttpMethod.Post, type.CollectionPath(entity.Metadata.NamespaceProperty), KubernetesJson.Serialize(entity), JsonMediaType, cancellationToken);
    }

    public Task<TEntity> ReplaceAsync<TEntity>(TEntity entity, CancellationToken cancellationToken)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
    {
        var type = EntityType.Of<TEntity>();
        Stamp(entity, type);
        var key = ObjectKey.Of(entity);
        return SendAsync<TEntity>(
            HttpMethod.Put, type.ObjectPath(key.Namespace, key.Name), KubernetesJson.Serialize(entity), JsonMediaType, cancellationToken);
    }

    public Task<TEntity> ReplaceStatusAsync<TEntity>(TEntity entity, CancellationToken cancellationToken)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
    {
        var type = EntityType.Of<TEntity>();
        Stamp(entity, type);
        var key = ObjectKey.Of(entity);
        return SendAsync<TEntity>(
            HttpMethod.Put, type.ObjectPath(key.Namespace, key.Name) + "/status", KubernetesJson.Serialize(entity), JsonMediaType, cancellationToken);
    }

    public Task<TEntity> PatchAsync<TEntity>(
        string name, string? @namespace, PatchType patchType, string patch, CancellationToken cancellationToken)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
    {
        var type = EntityType.Of<TEntity>();
        var mediaType = new MediaTypeHeaderValue(patchType switch
        {
            PatchType.Merge => "application/merge-patch+json",
            PatchType.Json => "application/json-patch+json",
            _ => throw new ArgumentOutOfRangeException(nameof(patchType), patchType, "Unknown patch type."),
        });
        return SendAsync<TEntity>(HttpMethod.Patch, type.ObjectPath(@namespace, name), patch, mediaType, cancellationToken);
    }

    public async Task<bool> DeleteAsync<TEntity>(string name, string? @namespace, CancellationToken cancellationToken)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
    {
        var type = EntityType.Of<TEntity>();
        using var request = new HttpRequestMessage(HttpMethod.Delete, new Uri(kubernetes.BaseUri, type.ObjectPath(@namespace, name)));
        try
        {
            using var response = await SendRawAsync(request, cancellationToken);
            return true;
        }
        catch (KubernetesApiException e) when (e.IsNotFound)
        {
            return false;
        }
    }

    private static void Stamp<TEntity>(TEntity entity, EntityType type)
        where TEntity : IKubernetesObject<V1ObjectMeta>
    {
        // Entities built in code often leave these empty; the API server requires them.
        if (string.IsNullOrEmpty(entity.ApiVersion))
        {
            entity.ApiVersion = type.ApiVersion;
        }

        if (string.IsNullOrEmpty(entity.Kind))
        {
            entity.Kind = type.Kind;
        }
    }

    private static EntityWatchEvent<TEntity> ParseWatchLine<TEntity>(string line, EntityType type)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        var eventType = root.GetProperty("type").GetString() switch
        {
            "ADDED" => WatchEventType.Added,
            "MODIFIED" => WatchEventType.Modified,
            "DELETED" => WatchEventType.Deleted,
            "BOOKMARK" => WatchEventType.Bookmark,
            "ERROR" => WatchEventType.Error,
            var other => throw new KubernetesApiException($"Watch of {type}: unknown event type '{other}'."),
        };
        var raw = root.GetProperty("object");
        if (eventType == WatchEventType.Error)
        {
            var status = KubernetesJson.Deserialize<V1Status>(raw);
            var code = status.Code is { } c ? (HttpStatusCode)c : HttpStatusCode.InternalServerError;
            throw new KubernetesApiException(code, status, $"Watch of {type} failed: {(int)code} {status.Reason} {status.Message}");
        }

        return new EntityWatchEvent<TEntity>(eventType, KubernetesJson.Deserialize<TEntity>(raw));
    }

    private async Task<TResult> SendAsync<TResult>(
        HttpMethod method, string path, string? body, MediaTypeHeaderValue? contentType, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(kubernetes.BaseUri, path));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = contentType;
        }

        using var response = await SendRawAsync(request, cancellationToken);

        // Parsed from the UTF-8 bytes as received: a string of the body would be twice its size (UTF-16), and list
        // answers of large collections would land on the large object heap.
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        await using var received = await response.Content.ReadAsStreamAsync(cancellationToken);
        return KubernetesJson.Deserialize<TResult>(received);
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (kubernetes.Credentials is { } credentials)
        {
            await credentials.ProcessHttpRequestAsync(request, cancellationToken);
        }

        var http = kubernetes.HttpClient ?? throw new ObjectDisposedException(nameof(Kubernetes), "The Kubernetes client was disposed.");
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            V1Status? status = null;
            try
            {
                status = text.Length > 0 ? KubernetesJson.Deserialize<V1Status>(text) : null;
            }
            catch (JsonException)
            {
                // Not every failing hop (proxies, load balancers) answers with a Status; keep the raw text then.
            }

            var detail = status?.Message ?? text;
            throw new KubernetesApiException(
                response.StatusCode, status, $"{request.Method} {request.RequestUri?.AbsolutePath}: {(int)response.StatusCode} {detail}");
        }
    }
}
