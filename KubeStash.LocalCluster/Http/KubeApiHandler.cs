using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using KubeStash.LocalCluster.Api;
using KubeStash.LocalCluster.Loading;
using KubeStash.LocalCluster.Semantics;
using KubeStash.LocalCluster.Storage;

namespace KubeStash.LocalCluster.Http;

/// <summary>
/// Serves the Kubernetes REST API: discovery, OpenAPI, and every verb on every served resource,
/// with kube-apiserver's status codes, Status bodies, content negotiation and query parameters.
/// </summary>
internal sealed class KubeApiHandler(ResourceService service, FaultInjector faults, string? bearerToken, IPodLogSource? podLogs, TimeProvider clock, ILogger logger)
{
    private const string TableAccept = "as=Table";
    private static readonly string[] PatchTypesCustom = ["application/json-patch+json", "application/merge-patch+json"];
    private static readonly string[] PatchTypesBuiltIn = ["application/json-patch+json", "application/merge-patch+json", "application/strategic-merge-patch+json"];

    private ResourceCatalog Catalog => service.Catalog;
    private ObjectStore Store => service.Store;

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        try
        {
            if (!Authorized(request))
            {
                throw new ApiException(401, "Unauthorized", "Unauthorized");
            }
            var path = request.Path.Value ?? "/";
            if (path.StartsWith("/localcluster/faults", StringComparison.Ordinal))
            {
                await FaultEndpoint.HandleAsync(context, faults);
                return;
            }
            var latency = faults.Latency;
            if (latency > TimeSpan.Zero)
            {
                await Task.Delay(latency, context.RequestAborted);
            }
            if (faults.ShouldFail())
            {
                var code = faults.ErrorStatusCode;
                throw code == 429
                    ? new ApiException(429, "TooManyRequests", "the server has received too many requests and has asked us to try again later",
                        new JsonObject { ["retryAfterSeconds"] = 1 })
                    { RetryAfterSeconds = 1 }
                    : ApiErrors.Internal("injected fault");
            }
            await RouteAsync(context, path);
        }
        catch (ApiException ex)
        {
            await WriteErrorAsync(context, ex);
        }
        catch (FormatException ex)
        {
            await WriteErrorAsync(context, ApiErrors.BadRequest(ex.Message));
        }
        catch (PatchException ex)
        {
            await WriteErrorAsync(context, ex.Malformed ? ApiErrors.BadRequest(ex.Message) : new ApiException(422, "Invalid", ex.Message));
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Request {Method} {Path} failed", request.Method, request.Path);
            if (!context.Response.HasStarted)
            {
                await WriteErrorAsync(context, ApiErrors.Internal(ex.Message));
            }
        }
    }

    private bool Authorized(HttpRequest request)
    {
        if (string.IsNullOrEmpty(bearerToken))
        {
            return true;
        }
        var header = request.Headers.Authorization.ToString();
        return header == $"Bearer {bearerToken}";
    }

    private async Task RouteAsync(HttpContext context, string path)
    {
        var request = context.Request;
        switch (path.TrimEnd('/'))
        {
            case "/version":
                await WriteJsonAsync(context, 200, DiscoveryDocuments.Version());
                return;
            case "/healthz" or "/livez" or "/readyz":
                context.Response.ContentType = "text/plain";
                await context.Response.WriteAsync("ok", context.RequestAborted);
                return;
            case "/api":
                await WriteJsonAsync(context, 200, DiscoveryDocuments.CoreVersions($"{request.Host}"));
                return;
            case "/apis":
                await WriteJsonAsync(context, 200, DiscoveryDocuments.GroupList(Catalog.All));
                return;
            case "/openapi/v3":
                await WriteJsonAsync(context, 200, OpenApiDocuments.Root(Catalog.All, Catalog.Generation));
                return;
            case "/openapi/v2" or "/swagger.json":
                throw ApiErrors.NoSuchResource();
        }
        if (path.StartsWith("/openapi/v3/", StringComparison.Ordinal))
        {
            var document = OpenApiDocuments.GroupVersion(Catalog.All, path["/openapi/v3/".Length..].TrimEnd('/')) ?? throw ApiErrors.NoSuchResource();
            await WriteJsonAsync(context, 200, document);
            return;
        }
        var segments = path.Trim('/').Split('/');
        if (segments is ["api", var coreVersion])
        {
            await WriteJsonAsync(context, 200, DiscoveryDocuments.ResourceList(Catalog.All, "", coreVersion) ?? throw ApiErrors.NoSuchResource());
            return;
        }
        if (segments is ["apis", var groupName])
        {
            await WriteJsonAsync(context, 200, DiscoveryDocuments.GroupDocument(Catalog.All, groupName) ?? throw ApiErrors.NoSuchResource());
            return;
        }
        if (segments is ["apis", var g, var v])
        {
            await WriteJsonAsync(context, 200, DiscoveryDocuments.ResourceList(Catalog.All, g, v) ?? throw ApiErrors.NoSuchResource());
            return;
        }
        var target = ResourcePath.Parse(path) ?? throw ApiErrors.NoSuchResource();
        var resource = Catalog.Find(target.Group, target.Version, target.Plural) ?? throw ApiErrors.NoSuchResource();
        if (target.Namespace is not null && !resource.Namespaced)
        {
            throw ApiErrors.NoSuchResource();
        }
        if (target is { Subresource: "log", Name: not null } && resource is { Group: "", Plural: "pods" } && context.Request.Method == "GET")
        {
            await PodLogEndpoint.ServeAsync(context, service, resource, target.Namespace!, target.Name, podLogs);
            return;
        }
        if (target is { Subresource: "scale", Name: not null } && resource.Scale is not null)
        {
            await ScaleEndpoint.ServeAsync(context, service, resource, resource.Namespaced ? target.Namespace : null, target.Name);
            return;
        }
        if (target.Subresource is not null && !(target.Subresource == "status" && resource.HasStatus))
        {
            throw ApiErrors.NoSuchResource();
        }
        await ServeResourceAsync(context, resource, target);
    }

    private async Task ServeResourceAsync(HttpContext context, ApiResource resource, ResourcePath target)
    {
        var request = context.Request;
        var ct = context.RequestAborted;
        var ns = resource.Namespaced ? target.Namespace : null;
        var statusOnly = target.Subresource == "status";
        if (target.Name is null)
        {
            switch (request.Method)
            {
                case "GET" when IsTrue(request.Query["watch"]):
                    await new WatchStream(service, faults, clock).ServeAsync(context, resource, ns, WantsTable(request));
                    return;
                case "GET":
                    await ListAsync(context, resource, ns);
                    return;
                case "POST" when resource.Namespaced && ns is null:
                    throw ApiErrors.MethodNotAllowed();
                case "POST":
                    {
                        var body = await ReadObjectAsync(request, ct);
                        var write = WriteContextOf(request);
                        var created = await service.CreateAsync(resource, ns, body, write, ct);
                        AddWarnings(context, write);
                        await WriteObjectAsync(context, 201, resource, created);
                        return;
                    }
                case "DELETE":
                    await DeleteCollectionAsync(context, resource, ns);
                    return;
                default:
                    throw ApiErrors.MethodNotAllowed();
            }
        }
        if (resource.Namespaced && ns is null)
        {
            throw ApiErrors.NoSuchResource();
        }
        var name = target.Name;
        switch (request.Method)
        {
            case "GET":
                {
                    var rv = ObjectJson.ParseResourceVersion(request.Query["resourceVersion"], "resourceVersion");
                    if (rv is { } wanted && wanted > Store.CurrentResourceVersion)
                    {
                        throw ApiErrors.TooLargeResourceVersion(wanted, Store.CurrentResourceVersion);
                    }
                    await WriteObjectAsync(context, 200, resource, service.Get(resource, ns, name));
                    return;
                }
            case "PUT":
                {
                    var body = await ReadObjectAsync(request, ct);
                    var write = WriteContextOf(request);
                    var updated = await service.UpdateAsync(resource, ns, name, body, statusOnly, write, ct);
                    AddWarnings(context, write);
                    await WriteObjectAsync(context, 200, resource, updated);
                    return;
                }
            case "PATCH":
                {
                    var updated = await PatchAsync(context, resource, ns, name, statusOnly);
                    await WriteObjectAsync(context, 200, resource, updated);
                    return;
                }
            case "DELETE" when !statusOnly:
                {
                    var options = await ReadDeleteOptionsAsync(request, ct);
                    var write = WriteContextOf(request, options.DryRun);
                    var (result, deleted) = await service.DeleteAsync(resource, ns, name, options.Request, write, ct);
                    AddWarnings(context, write);
                    if (deleted && !ReturnsDeletedObject(resource))
                    {
                        var details = new JsonObject { ["name"] = name };
                        if (resource.Group.Length > 0)
                        {
                            details["group"] = resource.Group;
                        }
                        details["kind"] = resource.Plural;
                        details["uid"] = ObjectJson.Uid(result);
                        await WriteJsonAsync(context, 200, new JsonObject
                        {
                            ["kind"] = "Status",
                            ["apiVersion"] = "v1",
                            ["metadata"] = new JsonObject(),
                            ["status"] = "Success",
                            ["details"] = details,
                        });
                        return;
                    }
                    await WriteObjectAsync(context, 200, resource, result);
                    return;
                }
            default:
                throw ApiErrors.MethodNotAllowed();
        }
    }

    private static bool ReturnsDeletedObject(ApiResource resource) =>
        resource is { Group: "", Plural: "pods" or "namespaces" } || resource.IsCustom;

    private async Task<JsonObject> PatchAsync(HttpContext context, ApiResource resource, string? ns, string name, bool statusOnly)
    {
        var request = context.Request;
        var contentType = (request.ContentType ?? "").Split(';')[0].Trim();
        var accepted = resource.IsCustom ? PatchTypesCustom : PatchTypesBuiltIn;
        if (!accepted.Contains(contentType))
        {
            throw ApiErrors.UnsupportedMediaType(contentType, accepted);
        }
        var text = await ReadBodyAsync(request, context.RequestAborted);
        JsonNode? patch;
        try
        {
            patch = JsonNode.Parse(text);
        }
        catch (JsonException ex)
        {
            throw ApiErrors.BadRequest($"error decoding patch: {ex.Message}");
        }
        var write = WriteContextOf(request);
        var updated = await service.WriteExistingAsync(resource, ns, name, current =>
        {
            // The current resourceVersion is not a precondition of a patch; only one the patch itself sets is.
            ObjectJson.Metadata(current).Remove("resourceVersion");
            JsonNode? result = contentType switch
            {
                "application/json-patch+json" => JsonPatchDocument.Apply(current, patch as JsonArray
                    ?? throw new PatchException("the JSON patch must be an array of operations", malformed: true)),
                "application/merge-patch+json" => JsonMergePatch.Apply(current, patch),
                _ => StrategicMergePatch.Apply(current, patch as JsonObject
                    ?? throw new PatchException("the strategic merge patch must be a JSON object", malformed: true), resource.GroupVersion, resource.Kind),
            };
            var patched = result as JsonObject ?? throw new PatchException("the patched object is not a JSON object", malformed: true);
            return patched;
        }, statusOnly, write, context.RequestAborted);
        AddWarnings(context, write);
        return updated;
    }

    private async Task ListAsync(HttpContext context, ApiResource resource, string? ns)
    {
        var query = context.Request.Query;
        var labelSelector = ParseLabelSelector(query["labelSelector"]);
        var fieldSelector = ParseFieldSelector(query["fieldSelector"], resource);
        var limit = int.TryParse(query["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out var l) && l > 0 ? l : int.MaxValue;
        var continueText = query["continue"].ToString();
        var rvText = query["resourceVersion"].ToString();
        var match = query["resourceVersionMatch"].ToString();
        var current = Store.CurrentResourceVersion;
        long at;
        string? afterKey = null;
        if (continueText.Length > 0)
        {
            if (rvText.Length > 0 && rvText != "0")
            {
                throw ApiErrors.BadRequest("specifying resource version is not allowed when using continue");
            }
            var token = ContinueToken.Decode(continueText);
            (at, afterKey) = (token.ResourceVersion, token.AfterKey);
            if (at < Store.CompactedRevision)
            {
                var fresh = new ContinueToken(current, afterKey).Encode();
                throw new ApiException(410, "Expired",
                    "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.")
                { ContinueToken = fresh };
            }
        }
        else if (match.Length > 0 && rvText.Length == 0)
        {
            throw ApiErrors.BadRequest($"resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided");
        }
        else if (match == "Exact")
        {
            at = ObjectJson.ParseResourceVersion(rvText, "resourceVersion") ?? current;
            if (at == 0)
            {
                throw ApiErrors.BadRequest("resourceVersionMatch: Forbidden: resourceVersionMatch \"exact\" is forbidden for resourceVersion \"0\"");
            }
            if (at > current)
            {
                throw ApiErrors.TooLargeResourceVersion(at, current);
            }
            if (at < Store.CompactedRevision)
            {
                throw ApiErrors.Expired("The resourceVersion for the provided list is too old.");
            }
        }
        else if (match is "" or "NotOlderThan")
        {
            var minimum = ObjectJson.ParseResourceVersion(rvText, "resourceVersion") ?? 0;
            if (minimum > current)
            {
                throw ApiErrors.TooLargeResourceVersion(minimum, current);
            }
            at = current;
        }
        else
        {
            throw ApiErrors.BadRequest($"resourceVersionMatch: Unsupported value: \"{match}\": supported values: \"Exact\", \"NotOlderThan\"");
        }

        var prefix = ns is null ? null : ns + "/";
        var items = new List<byte[]>();
        string? lastKey = null;
        var more = false;
        var filtered = labelSelector is not null || fieldSelector is not null;
        var chunkSize = Math.Clamp(limit == int.MaxValue ? 4096 : limit + 1, 64, 4096);
        var cursor = afterKey;
        while (!more)
        {
            List<KeyValuePair<string, byte[]>> chunk;
            try
            {
                chunk = Store.ReadChunk(resource.StorageKey, prefix, at, cursor, chunkSize);
            }
            catch (ResourceVersionExpiredException)
            {
                throw ApiErrors.Expired("The resourceVersion for the provided list is too old.");
            }
            foreach (var (key, json) in chunk)
            {
                cursor = key;
                if (filtered && !Matches(json, labelSelector, fieldSelector))
                {
                    continue;
                }
                if (items.Count == limit)
                {
                    more = true;
                    break;
                }
                items.Add(json);
                lastKey = key;
            }
            if (chunk.Count < chunkSize)
            {
                break;
            }
        }
        var continueToken = more ? new ContinueToken(at, lastKey!).Encode() : null;
        var rv = ResourceService.FormatVersion(at);
        if (WantsTable(context.Request))
        {
            var objects = items.Select(i => ResourceService.Present(resource, ObjectJson.Parse(i))).ToList();
            var table = TableConverter.Convert(objects, TableConverter.ColumnsFor(resource.Group, resource.Kind, resource.PrinterColumns),
                clock.GetUtcNow(), rv, continueToken, IncludeObject(context.Request));
            await WriteJsonAsync(context, 200, table);
            return;
        }
        await WriteListAsync(context, resource, items, rv, continueToken);
    }

    private static async Task WriteListAsync(HttpContext context, ApiResource resource, List<byte[]> items, string rv, string? continueToken)
    {
        var response = context.Response;
        response.StatusCode = 200;
        response.ContentType = "application/json";
        var metadata = new JsonObject { ["resourceVersion"] = rv };
        if (continueToken is not null)
        {
            metadata["continue"] = continueToken;
        }
        var head = $"{{\"kind\":\"{resource.Kind}List\",\"apiVersion\":\"{resource.GroupVersion}\",\"metadata\":{metadata.ToJsonString(WireJson.Options)},\"items\":[";
        var body = response.BodyWriter;
        body.Write(Encoding.UTF8.GetBytes(head));
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0)
            {
                body.Write(","u8);
            }
            var json = items[i];
            if (resource.IsCustom)
            {
                json = WireJson.Bytes(ResourceService.Present(resource, ObjectJson.Parse(json)));
            }
            body.Write(json);
            if (i % 256 == 255)
            {
                await body.FlushAsync(context.RequestAborted);
            }
        }
        body.Write("]}"u8);
        await body.FlushAsync(context.RequestAborted);
    }

    private async Task DeleteCollectionAsync(HttpContext context, ApiResource resource, string? ns)
    {
        var request = context.Request;
        var labelSelector = ParseLabelSelector(request.Query["labelSelector"]);
        var fieldSelector = ParseFieldSelector(request.Query["fieldSelector"], resource);
        var options = await ReadDeleteOptionsAsync(request, context.RequestAborted);
        var write = WriteContextOf(request, options.DryRun);
        var deleted = new List<JsonNode?>();
        foreach (var (key, json) in Store.Snapshot(resource.StorageKey, ns is null ? null : ns + "/"))
        {
            if (!Matches(json, labelSelector, fieldSelector))
            {
                continue;
            }
            var obj = ObjectJson.Parse(json);
            try
            {
                var (result, _) = await service.DeleteAsync(resource, ObjectJson.Namespace(obj), ObjectJson.Name(obj) ?? key, options.Request, write, context.RequestAborted);
                deleted.Add(result);
            }
            catch (ApiException ex) when (ex.Code == 404)
            {
            }
        }
        AddWarnings(context, write);
        await WriteJsonAsync(context, 200, new JsonObject
        {
            ["kind"] = $"{resource.Kind}List",
            ["apiVersion"] = resource.GroupVersion,
            ["metadata"] = new JsonObject { ["resourceVersion"] = ResourceService.FormatVersion(Store.CurrentResourceVersion) },
            ["items"] = new JsonArray([.. deleted]),
        });
    }

    internal static bool Matches(byte[] json, LabelSelector? labels, FieldSelector? fields)
    {
        if (labels is null && fields is null)
        {
            return true;
        }
        var obj = ObjectJson.Parse(json);
        return (labels is null || labels.Matches(ObjectJson.Labels(obj))) && (fields is null || fields.Matches(obj));
    }

    internal static LabelSelector? ParseLabelSelector(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : LabelSelector.Parse(text);

    internal static FieldSelector? ParseFieldSelector(string? text, ApiResource resource) =>
        string.IsNullOrWhiteSpace(text) ? null : FieldSelector.Parse(text, resource.SelectableFields);

    internal static bool WantsTable(HttpRequest request) =>
        request.Headers.Accept.ToString().Contains(TableAccept, StringComparison.Ordinal);

    internal static string IncludeObject(HttpRequest request) =>
        request.Query["includeObject"].ToString() is { Length: > 0 } value ? value : "Metadata";

    private static bool IsTrue(string? value) => value is "true" or "1" or "True";

    internal static WriteContext WriteContextOf(HttpRequest request, bool bodyDryRun = false)
    {
        var dryRun = request.Query["dryRun"].ToString();
        if (dryRun.Length > 0 && dryRun != "All")
        {
            throw ApiErrors.BadRequest($"dryRun: Unsupported value: \"{dryRun}\": supported values: \"All\"");
        }
        var validation = request.Query["fieldValidation"].ToString();
        if (validation.Length > 0 && validation is not ("Strict" or "Warn" or "Ignore"))
        {
            throw ApiErrors.BadRequest($"fieldValidation: Unsupported value: \"{validation}\": supported values: \"Ignore\", \"Strict\", \"Warn\"");
        }
        return new WriteContext { DryRun = dryRun == "All" || bodyDryRun, FieldValidation = validation.Length > 0 ? validation : "Warn" };
    }

    internal static async Task<string> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync(ct);
    }

    private static async Task<JsonObject> ReadObjectAsync(HttpRequest request, CancellationToken ct)
    {
        var contentType = (request.ContentType ?? "application/json").Split(';')[0].Trim();
        if (contentType == ProtobufObjects.ContentType)
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, ct);
            return ProtobufObjects.Decode(buffer.ToArray());
        }
        var text = await ReadBodyAsync(request, ct);
        if (contentType is "application/yaml" or "application/x-yaml" or "text/yaml")
        {
            var documents = YamlJson.ParseDocuments(text);
            return documents.Count == 1 ? documents[0] : throw ApiErrors.BadRequest("the request body must hold exactly one object");
        }
        if (contentType is not ("application/json" or "*/*" or ""))
        {
            throw ApiErrors.UnsupportedMediaType(contentType, ["application/json", "application/yaml"]);
        }
        try
        {
            var duplicates = new List<string>();
            var parsed = RequestJson.Parse(text, duplicates) as JsonObject
                ?? throw ApiErrors.BadRequest("couldn't get version/kind; json parse error: the body is not a JSON object");
            if (duplicates.Count > 0)
            {
                ReportDuplicates(request, parsed, duplicates);
            }
            return parsed;
        }
        catch (JsonException ex)
        {
            throw ApiErrors.BadRequest($"couldn't get version/kind; json parse error: {ex.Message}");
        }
    }

    /// <summary>fieldValidation for duplicate fields: Strict rejects, Warn (the default) warns, Ignore keeps the last silently.</summary>
    private static void ReportDuplicates(HttpRequest request, JsonObject obj, List<string> duplicates)
    {
        var validation = request.Query["fieldValidation"].ToString();
        var described = duplicates.Select(d => $"duplicate field \"{d}\"").ToList();
        if (validation == "Strict")
        {
            var kind = ObjectJson.String(obj["kind"]) ?? "object";
            var apiVersion = ObjectJson.String(obj["apiVersion"]) ?? "";
            var version = apiVersion[(apiVersion.IndexOf('/', StringComparison.Ordinal) + 1)..];
            throw ApiErrors.BadRequest($"{kind} in version \"{version}\" cannot be handled as a {kind}: strict decoding error: {string.Join(", ", described)}");
        }
        if (validation != "Ignore")
        {
            request.HttpContext.Items[DuplicateWarningsKey] = described;
        }
    }

    private const string DuplicateWarningsKey = "localcluster.duplicate-field-warnings";

    private static async Task<(DeleteRequest Request, bool DryRun)> ReadDeleteOptionsAsync(HttpRequest request, CancellationToken ct)
    {
        var query = request.Query;
        string? policy = query["propagationPolicy"].ToString() is { Length: > 0 } p ? p : null;
        long? grace = long.TryParse(query["gracePeriodSeconds"], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var g) ? g : null;
        if (query["orphanDependents"].ToString() == "true")
        {
            policy ??= "Orphan";
        }
        string? uid = null, rv = null;
        var dryRun = false;
        var text = await ReadBodyAsync(request, ct);
        if (!string.IsNullOrWhiteSpace(text))
        {
            JsonObject body;
            try
            {
                body = JsonNode.Parse(text) as JsonObject ?? throw ApiErrors.BadRequest("the DeleteOptions body is not a JSON object");
            }
            catch (JsonException ex)
            {
                throw ApiErrors.BadRequest($"error decoding DeleteOptions: {ex.Message}");
            }
            policy = ObjectJson.String(body["propagationPolicy"]) ?? policy;
            if (body["orphanDependents"] is JsonValue orphan && orphan.GetValue<bool>())
            {
                policy ??= "Orphan";
            }
            if (body["gracePeriodSeconds"] is JsonValue graceValue)
            {
                grace = graceValue.GetValue<long>();
            }
            uid = ObjectJson.String(body["preconditions"]?["uid"]);
            rv = ObjectJson.String(body["preconditions"]?["resourceVersion"]);
            dryRun = body["dryRun"] is JsonArray dry && dry.Any(d => ObjectJson.String(d) == "All");
        }
        return (new DeleteRequest(policy, grace, uid, rv), dryRun);
    }

    internal static void AddWarnings(HttpContext context, WriteContext write)
    {
        if (context.Items[DuplicateWarningsKey] is List<string> duplicates)
        {
            write.Warnings.InsertRange(0, duplicates);
        }
        foreach (var warning in write.Warnings.Distinct())
        {
            context.Response.Headers.Append("Warning", $"299 - \"{warning.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"");
        }
    }

    private async Task WriteObjectAsync(HttpContext context, int code, ApiResource resource, JsonObject obj)
    {
        if (WantsTable(context.Request))
        {
            var table = TableConverter.Convert([obj], TableConverter.ColumnsFor(resource.Group, resource.Kind, resource.PrinterColumns),
                clock.GetUtcNow(), ObjectJson.ResourceVersion(obj) ?? "", null, IncludeObject(context.Request));
            await WriteJsonAsync(context, code, table);
            return;
        }
        await WriteJsonAsync(context, code, obj);
    }

    internal static async Task WriteJsonAsync(HttpContext context, int code, JsonNode document)
    {
        context.Response.StatusCode = code;
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(WireJson.Bytes(document), context.RequestAborted);
    }

    private static async Task WriteErrorAsync(HttpContext context, ApiException error)
    {
        if (context.Response.HasStarted)
        {
            return;
        }
        if (error.RetryAfterSeconds is { } retry)
        {
            context.Response.Headers.RetryAfter = retry.ToString(CultureInfo.InvariantCulture);
        }
        var status = error.ToStatus();
        if (error.ContinueToken is not null)
        {
            status["metadata"] = new JsonObject { ["continue"] = error.ContinueToken };
        }
        await WriteJsonAsync(context, error.Code, status);
    }
}
