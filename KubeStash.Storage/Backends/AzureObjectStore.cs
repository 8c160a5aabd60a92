using System.Runtime.CompilerServices;
using Azure;
using Azure.Core.Pipeline;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace KubeStash.Storage.Backends;

/// <summary>Azure Blob Storage (and Azurite) through Azure.Storage.Blobs, with shared-key credentials.</summary>
internal sealed class AzureObjectStore : IObjectStore
{
    private readonly BlobContainerClient container;
    private readonly HttpClient httpClient;
    private readonly string prefix;

    public AzureObjectStore(AzureStorageOptions options, string accountName, string accountKey)
    {
        prefix = ObjectKeys.NormalisePrefix(options.Prefix);
        var serviceUri = options.Endpoint ?? new Uri($"https://{accountName}.blob.core.windows.net");
        Description = $"azure container \"{options.Container}\" in account \"{accountName}\" at {serviceUri.GetLeftPart(UriPartial.Authority)}"
            + (prefix.Length > 0 ? $", prefix \"{prefix.TrimEnd('/')}\"" : string.Empty);

        httpClient = new HttpClient(TlsHandlers.Create(insecure: false, caPem: null, options.MaxConnections)) { Timeout = Timeout.InfiniteTimeSpan };
        var clientOptions = new BlobClientOptions
        {
            Transport = new HttpClientTransport(httpClient),
        };
        // Retries and timeouts are ours (per request, with backoff and jitter).
        clientOptions.Retry.MaxRetries = 0;
        clientOptions.Retry.NetworkTimeout = Timeout.InfiniteTimeSpan;
        var containerUri = new Uri(serviceUri.ToString().TrimEnd('/') + "/" + options.Container);
        container = new BlobContainerClient(containerUri, new StorageSharedKeyCredential(accountName, accountKey), clientOptions);
    }

    public string Description { get; }

    public async Task EnsureReadyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }
        catch (Exception e) when (IsProviderFailure(e, cancellationToken))
        {
            throw Translate(e, "checking that the container exists");
        }
    }

    public async Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        try
        {
            await container.GetBlobClient(BlobName(key)).UploadAsync(new BinaryData(content), overwrite: true, cancellationToken);
        }
        catch (Exception e) when (IsProviderFailure(e, cancellationToken))
        {
            throw Translate(e, $"writing \"{key}\"");
        }
    }

    public async Task<bool> PutIfAbsentAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        try
        {
            await container.GetBlobClient(BlobName(key)).UploadAsync(
                new BinaryData(content),
                new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } },
                cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409 || e.ErrorCode == BlobErrorCode.BlobAlreadyExists || e.Status == 412)
        {
            return false;
        }
        catch (Exception e) when (IsProviderFailure(e, cancellationToken))
        {
            throw Translate(e, $"writing \"{key}\"");
        }
    }

    public async Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            var response = await container.GetBlobClient(BlobName(key)).DownloadStreamingAsync(cancellationToken: cancellationToken);
            return response.Value.Content;
        }
        catch (Exception e) when (IsProviderFailure(e, cancellationToken))
        {
            throw Translate(e, $"reading \"{key}\"");
        }
    }

    public async Task<byte[]> GetAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            var response = await container.GetBlobClient(BlobName(key)).DownloadContentAsync(cancellationToken);
            return response.Value.Content.ToArray();
        }
        catch (Exception e) when (IsProviderFailure(e, cancellationToken))
        {
            throw Translate(e, $"reading \"{key}\"");
        }
    }

    public async Task<ObjectInfo?> StatAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            var properties = await container.GetBlobClient(BlobName(key)).GetPropertiesAsync(cancellationToken: cancellationToken);
            return new ObjectInfo(key, properties.Value.ContentLength, properties.Value.LastModified);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
        catch (Exception e) when (IsProviderFailure(e, cancellationToken))
        {
            throw Translate(e, $"reading the attributes of \"{key}\"");
        }
    }

    public async IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var pages = container.GetBlobsAsync(BlobTraits.None, BlobStates.None, this.prefix + prefix, cancellationToken).AsPages(pageSizeHint: 1000);
        await using var enumerator = pages.GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            Page<BlobItem> page;
            try
            {
                if (!await enumerator.MoveNextAsync())
                {
                    yield break;
                }

                page = enumerator.Current;
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                yield break;
            }
            catch (Exception e) when (IsProviderFailure(e, cancellationToken))
            {
                throw Translate(e, $"listing \"{prefix}\"");
            }

            foreach (var blob in page.Values)
            {
                yield return new ObjectInfo(blob.Name[this.prefix.Length..], blob.Properties.ContentLength ?? 0, blob.Properties.LastModified);
            }
        }
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            await container.GetBlobClient(BlobName(key)).DeleteIfExistsAsync(cancellationToken: cancellationToken);
        }
        catch (Exception e) when (IsProviderFailure(e, cancellationToken))
        {
            throw Translate(e, $"deleting \"{key}\"");
        }
    }

    public async Task<int> DeletePrefixAsync(string prefix, CancellationToken cancellationToken)
    {
        var count = 0;
        await foreach (var item in ListAsync(prefix, cancellationToken))
        {
            await DeleteAsync(item.Key, cancellationToken);
            count++;
        }

        return count;
    }

    public ValueTask DisposeAsync()
    {
        httpClient.Dispose();
        return ValueTask.CompletedTask;
    }

    private string BlobName(string key) => prefix + ObjectKeys.Validate(key, Description);

    private static bool IsProviderFailure(Exception e, CancellationToken cancellationToken) =>
        e is not StorageException && !(e is OperationCanceledException && cancellationToken.IsCancellationRequested);

    private StorageException Translate(Exception e, string action)
    {
        if (e is RequestFailedException failed)
        {
            var kind = failed.Status switch
            {
                0 => StorageErrorKind.Transient,
                401 or 403 => StorageErrorKind.AccessDenied,
                404 when failed.ErrorCode == BlobErrorCode.ContainerNotFound => StorageErrorKind.NoSuchBucket,
                404 => StorageErrorKind.NotFound,
                408 or 429 or >= 500 => StorageErrorKind.Transient,
                _ => StorageErrorKind.Permanent,
            };
            return new StorageException(kind, Description, $"{action} failed: HTTP {failed.Status} {failed.ErrorCode}", e);
        }

        if (TlsHandlers.IsCertificateFailure(e))
        {
            return new StorageException(StorageErrorKind.Configuration, Description, $"{action} failed: the server's TLS certificate is not trusted: {e.Message}", e);
        }

        // No HTTP status: connection refused/reset, timeout, truncated body.
        return new StorageException(StorageErrorKind.Transient, Description, $"{action} failed: {e.Message}", e);
    }
}
