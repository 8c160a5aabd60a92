using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Xml.Linq;
using Minio;
using Minio.DataModel.Args;
using Minio.Exceptions;

namespace KubeStash.Storage.Backends;

/// <summary>S3 (AWS, Minio, Ceph radosgw, …) through the Minio client.</summary>
internal sealed class S3ObjectStore : IObjectStore
{
    /// <summary>S3's smallest multipart part; anything smaller is one PUT.</summary>
    private const int MultipartThreshold = 5 << 20;

    private readonly IMinioClient client;
    private readonly HttpClient httpClient;
    private readonly string bucket;
    private readonly string prefix;
    private readonly string? region;
    private readonly bool createBucket;

    public S3ObjectStore(S3StorageOptions options, string accessKey, string secretKey, string? caPem)
    {
        bucket = options.Bucket;
        prefix = ObjectKeys.NormalisePrefix(options.Prefix);
        region = string.IsNullOrWhiteSpace(options.Region) ? null : options.Region;
        createBucket = options.CreateBucketIfMissing;
        var endpoint = ParseEndpoint(options.Endpoint);
        Description = $"s3 bucket \"{bucket}\" at {endpoint.GetLeftPart(UriPartial.Authority)}" + (prefix.Length > 0 ? $", prefix \"{prefix.TrimEnd('/')}\"" : string.Empty);

        // Retries and timeouts are ours (per request, with backoff); the client's own would hide failures.
        httpClient = new HttpClient(TlsHandlers.Create(options.InsecureTls, caPem, maxConnections: null)) { Timeout = Timeout.InfiniteTimeSpan };
        var builder = new MinioClient()
            .WithEndpoint(endpoint.Authority)
            .WithSSL(endpoint.Scheme == Uri.UriSchemeHttps)
            .WithCredentials(accessKey, secretKey)
            .WithHttpClient(httpClient, disposeHttpClient: false);
        if (region is not null)
        {
            builder = builder.WithRegion(region);
        }

        client = builder.Build();
    }

    public string Description { get; }

    public async Task EnsureReadyAsync(CancellationToken cancellationToken)
    {
        bool exists;
        try
        {
            exists = await client.BucketExistsAsync(new BucketExistsArgs().WithBucket(bucket), cancellationToken);
        }
        catch (Exception e) when (IsProviderFailure(e, cancellationToken))
        {
            throw Translate(e, "checking that the bucket exists");
        }

        if (exists)
        {
            return;
        }

        if (!createBucket)
        {
            throw new StorageException(StorageErrorKind.NoSuchBucket, Description, "the bucket does not exist");
        }

        try
        {
            var args = new MakeBucketArgs().WithBucket(bucket);
            if (region is not null)
            {
                args = args.WithLocation(region);
            }

            await client.MakeBucketAsync(args, cancellationToken);
        }
        catch (Exception e) when (IsProviderFailure(e, cancellationToken))
        {
            var error = Translate(e, "creating the missing bucket");
            // Another writer may have created it meanwhile.
            if (error.Kind != StorageErrorKind.Transient && await client.BucketExistsAsync(new BucketExistsArgs().WithBucket(bucket), cancellationToken))
            {
                return;
            }

            throw error;
        }
    }

    public async Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var name = ObjectName(key);
        try
        {
            if (content.Length < MultipartThreshold)
            {
                await PutSinglePartAsync(key, name, content, cancellationToken);
                return;
            }

            // Large objects: the client's multipart upload.
            await using var stream = MemoryMarshal.TryGetArray(content, out var segment)
                ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
                : new MemoryStream(content.ToArray(), writable: false);
            await client.PutObjectAsync(
                new PutObjectArgs().WithBucket(bucket).WithObject(name).WithStreamData(stream).WithObjectSize(content.Length).WithContentType("application/octet-stream"),
                cancellationToken);
        }
        catch (Exception e) when (IsProviderFailure(e, cancellationToken))
        {
            throw Translate(e, $"writing \"{key}\"");
        }
    }

    public async Task<bool> PutIfAbsentAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        // The Minio client offers no conditional put; callers that need exclusivity read back what they wrote.
        if (await StatAsync(key, cancellationToken) is not null)
        {
            return false;
        }

        await PutAsync(key, content, cancellationToken);
        return true;
    }

    public async Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        var response = await GetResponseAsync(key, cancellationToken);
        try
        {
            return await response.Content.ReadAsStreamAsync(cancellationToken);
        }
        catch (Exception e) when (IsProviderFailure(e, cancellationToken))
        {
            response.Dispose();
            throw Translate(e, $"reading \"{key}\"");
        }
    }

    public async Task<byte[]> GetAsync(string key, CancellationToken cancellationToken)
    {
        using var response = await GetResponseAsync(key, cancellationToken);
        try
        {
            var buffer = new MemoryStream((int)Math.Min(response.Content.Headers.ContentLength ?? 0, int.MaxValue));
            await response.Content.CopyToAsync(buffer, cancellationToken);
            return buffer.Length == buffer.Capacity ? buffer.GetBuffer() : buffer.ToArray();
        }
        catch (Exception e) when (IsProviderFailure(e, cancellationToken))
        {
            throw Translate(e, $"reading \"{key}\"");
        }
    }

    /// <summary>
    /// A GET through a URL the client signs, answered as a stream: the client's own get buffers the body and
    /// hands it to a callback, which would hold whole objects in memory.
    /// </summary>
    private async Task<HttpResponseMessage> GetResponseAsync(string key, CancellationToken cancellationToken)
    {
        HttpResponseMessage? response = null;
        try
        {
            var url = await client.PresignedGetObjectAsync(new PresignedGetObjectArgs().WithBucket(bucket).WithObject(ObjectName(key)).WithExpiry(3600));
            response = await httpClient.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return response;
            }

            throw await FailureAsync(response, $"reading \"{key}\"", cancellationToken);
        }
        catch (Exception e) when (IsProviderFailure(e, cancellationToken))
        {
            response?.Dispose();
            throw Translate(e, $"reading \"{key}\"");
        }
        catch
        {
            response?.Dispose();
            throw;
        }
    }

    public async Task<ObjectInfo?> StatAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            var stat = await client.StatObjectAsync(new StatObjectArgs().WithBucket(bucket).WithObject(ObjectName(key)), cancellationToken);
            return new ObjectInfo(key, stat.Size, stat.LastModified);
        }
        catch (Exception e) when (IsProviderFailure(e, cancellationToken))
        {
            var error = Translate(e, $"reading the attributes of \"{key}\"");
            if (error.Kind == StorageErrorKind.NotFound)
            {
                return null;
            }

            throw error;
        }
    }

    public async IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // The client pages through ListObjectsV2 (1000 keys a page) as the enumeration advances.
        var items = client.ListObjectsEnumAsync(
            new ListObjectsArgs().WithBucket(bucket).WithPrefix(this.prefix + prefix).WithRecursive(true),
            cancellationToken);
        await using var enumerator = items.GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            Minio.DataModel.Item item;
            try
            {
                if (!await enumerator.MoveNextAsync())
                {
                    yield break;
                }

                item = enumerator.Current;
            }
            catch (Exception e) when (IsProviderFailure(e, cancellationToken))
            {
                var error = Translate(e, $"listing \"{prefix}\"");
                if (error.Kind == StorageErrorKind.NotFound)
                {
                    yield break;
                }

                throw error;
            }

            if (item.IsDir)
            {
                continue;
            }

            yield return new ObjectInfo(item.Key[this.prefix.Length..], (long)item.Size, item.LastModifiedDateTime);
        }
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            await client.RemoveObjectAsync(new RemoveObjectArgs().WithBucket(bucket).WithObject(ObjectName(key)), cancellationToken);
        }
        catch (Exception e) when (IsProviderFailure(e, cancellationToken))
        {
            var error = Translate(e, $"deleting \"{key}\"");
            if (error.Kind != StorageErrorKind.NotFound)
            {
                throw error;
            }
        }
    }

    public async Task<int> DeletePrefixAsync(string prefix, CancellationToken cancellationToken)
    {
        var count = 0;
        var batch = new List<string>(1000);
        await foreach (var item in ListAsync(prefix, cancellationToken))
        {
            batch.Add(ObjectName(item.Key));
            if (batch.Count == 1000)
            {
                count += await DeleteBatchAsync(batch, cancellationToken);
                batch.Clear();
            }
        }

        if (batch.Count > 0)
        {
            count += await DeleteBatchAsync(batch, cancellationToken);
        }

        return count;
    }

    public ValueTask DisposeAsync()
    {
        client.Dispose();
        httpClient.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<int> DeleteBatchAsync(List<string> names, CancellationToken cancellationToken)
    {
        IList<DeleteError> errors;
        try
        {
            errors = await client.RemoveObjectsAsync(new RemoveObjectsArgs().WithBucket(bucket).WithObjects(names.ToList()), cancellationToken);
        }
        catch (Exception e) when (IsProviderFailure(e, cancellationToken))
        {
            throw Translate(e, $"deleting {names.Count} objects");
        }

        if (errors.Count > 0)
        {
            throw new StorageException(StorageErrorKind.Transient, Description, $"{errors.Count} of {names.Count} objects could not be deleted, e.g. \"{errors[0].Key}\": {errors[0].Code} {errors[0].Message}");
        }

        return names.Count;
    }

    /// <summary>
    /// One PUT of a buffer below the multipart threshold (every snapshot part): the client signs a URL, and the
    /// body goes out straight from the caller's buffer — the client's own put would stage copies of it.
    /// </summary>
    private async Task PutSinglePartAsync(string key, string name, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var url = await client.PresignedPutObjectAsync(new PresignedPutObjectArgs().WithBucket(bucket).WithObject(name).WithExpiry(3600));
        using var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = new ReadOnlyMemoryContent(content) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var response = await httpClient.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        throw await FailureAsync(response, $"writing \"{key}\"", cancellationToken);
    }

    /// <summary>
    /// The error an S3 answer stands for. A 404 is an everyday answer ("is there a repository here yet?"): whether it
    /// means NoSuchKey or NoSuchBucket is asked of the bucket (a HEAD) rather than read from the XML body, so that a
    /// normal run never maps in the XML stack (megabytes of code and JIT output in a process meant to stay small).
    /// Other failures are rare, and their body's error code says the most.
    /// </summary>
    private async Task<StorageException> FailureAsync(HttpResponseMessage response, string action, CancellationToken cancellationToken)
    {
        var code = response.StatusCode == HttpStatusCode.NotFound
            ? await client.BucketExistsAsync(new BucketExistsArgs().WithBucket(bucket), cancellationToken) ? "NoSuchKey" : "NoSuchBucket"
            : ErrorCode(await response.Content.ReadAsStringAsync(cancellationToken));
        return new StorageException(KindOf(code, response.StatusCode), Description, $"{action} failed: HTTP {(int)response.StatusCode} {code}".TrimEnd());
    }

    private static StorageErrorKind KindOf(string? code, HttpStatusCode status) => code switch
    {
        "NoSuchBucket" => StorageErrorKind.NoSuchBucket,
        "NoSuchKey" => StorageErrorKind.NotFound,
        "AccessDenied" or "InvalidAccessKeyId" or "SignatureDoesNotMatch" => StorageErrorKind.AccessDenied,
        "SlowDown" or "RequestTimeout" or "InternalError" or "ServiceUnavailable" => StorageErrorKind.Transient,
        _ => ClassifyStatus(status),
    };

    private static string? ErrorCode(string body)
    {
        try
        {
            return body.Length == 0 ? null : XDocument.Parse(body).Descendants().FirstOrDefault(element => element.Name.LocalName == "Code")?.Value;
        }
        catch (System.Xml.XmlException)
        {
            return null;
        }
    }

    private string ObjectName(string key) => prefix + ObjectKeys.Validate(key, Description);

    private static Uri ParseEndpoint(string endpoint)
    {
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            throw new StorageException(StorageErrorKind.Configuration, "s3 storage", "spec.storage.s3.endpoint is required");
        }

        var text = endpoint.Contains("://", StringComparison.Ordinal) ? endpoint : "https://" + endpoint;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new StorageException(StorageErrorKind.Configuration, "s3 storage", $"spec.storage.s3.endpoint \"{endpoint}\" is not an http(s) URL");
        }

        return uri;
    }

    /// <summary>Everything the provider may throw, except cancellation the caller asked for.</summary>
    private static bool IsProviderFailure(Exception e, CancellationToken cancellationToken) =>
        e is not StorageException && !(e is OperationCanceledException && cancellationToken.IsCancellationRequested);

    private StorageException Translate(Exception e, string action)
    {
        var kind = Classify(e);
        var detail = e switch
        {
            MinioException minio when minio.Response is { } response => $"{response.Code}: {response.Message}".Trim(' ', ':'),
            _ when kind == StorageErrorKind.Configuration && TlsHandlers.IsCertificateFailure(e) => $"the server's TLS certificate is not trusted (set CA_CERT_DATA or insecureTLS): {e.Message}",
            MinioException minio when minio.ServerResponse is { } server => $"HTTP {(int)server.StatusCode} {minio.Message}",
            _ => e.Message,
        };
        return new StorageException(kind, Description, $"{action} failed: {detail}", e);
    }

    private static StorageErrorKind Classify(Exception e)
    {
        switch (e)
        {
            case BucketNotFoundException:
                return StorageErrorKind.NoSuchBucket;
            case ObjectNotFoundException:
                return StorageErrorKind.NotFound;
            case AccessDeniedException or AuthorizationException:
                return StorageErrorKind.AccessDenied;
            case InvalidBucketNameException or InvalidObjectNameException:
                return StorageErrorKind.Configuration;
        }

        if (e is MinioException minio)
        {
            switch (minio.Response?.Code)
            {
                case "NoSuchBucket":
                    return StorageErrorKind.NoSuchBucket;
                case "NoSuchKey":
                    return StorageErrorKind.NotFound;
                case "AccessDenied" or "InvalidAccessKeyId" or "SignatureDoesNotMatch":
                    return StorageErrorKind.AccessDenied;
                case "SlowDown" or "RequestTimeout" or "InternalError" or "ServiceUnavailable":
                    return StorageErrorKind.Transient;
            }

            if (minio.ServerResponse is { } server && server.StatusCode != 0)
            {
                return ClassifyStatus(server.StatusCode);
            }
        }

        // A certificate that does not verify will not verify on the next attempt either.
        if (TlsHandlers.IsCertificateFailure(e))
        {
            return StorageErrorKind.Configuration;
        }

        // No HTTP status: the request never completed (connection refused/reset, timeout, truncated body).
        return StorageErrorKind.Transient;
    }

    private static StorageErrorKind ClassifyStatus(HttpStatusCode status) => (int)status switch
    {
        401 or 403 => StorageErrorKind.AccessDenied,
        404 => StorageErrorKind.NotFound,
        408 or 429 or >= 500 => StorageErrorKind.Transient,
        _ => StorageErrorKind.Permanent,
    };
}
