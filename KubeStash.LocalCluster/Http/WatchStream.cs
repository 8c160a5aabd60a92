using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using KubeStash.LocalCluster.Api;
using KubeStash.LocalCluster.Semantics;
using KubeStash.LocalCluster.Storage;

namespace KubeStash.LocalCluster.Http;

/// <summary>
/// One ?watch=true response: newline-delimited WatchEvents from a resourceVersion (replayed from retained
/// history) or from the current state, filtered by namespace and selectors with kube's transition rules,
/// with bookmarks, timeouts, Table rendering and 410 as an ERROR event.
/// </summary>
internal sealed class WatchStream(ResourceService service, FaultInjector faults, TimeProvider clock)
{
    public async Task ServeAsync(HttpContext context, ApiResource resource, string? ns, bool asTable)
    {
        var request = context.Request;
        var query = request.Query;
        var labels = KubeApiHandler.ParseLabelSelector(query["labelSelector"]);
        var fields = KubeApiHandler.ParseFieldSelector(query["fieldSelector"], resource);
        var rvText = query["resourceVersion"].ToString();
        var bookmarks = query["allowWatchBookmarks"].ToString() == "true";
        var initialEvents = query["sendInitialEvents"].ToString() == "true";
        long? from = rvText is "" or "0" ? null : ObjectJson.ParseResourceVersion(rvText, "resourceVersion");
        if (initialEvents)
        {
            from = null;
        }
        var timeout = int.TryParse(query["timeoutSeconds"], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : TimeSpan.FromSeconds(1800 + RandomNumberGenerator.GetInt32(1800));
        if (faults.WatchCutInterval is { } cut && cut < timeout)
        {
            timeout = cut;
        }
        var columns = asTable ? TableConverter.ColumnsFor(resource.Group, resource.Kind, resource.PrinterColumns) : null;
        var includeObject = KubeApiHandler.IncludeObject(request);

        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-cache, private";
        List<ChangeRecord> initial;
        WatchSubscription subscription;
        try
        {
            (initial, subscription) = service.Store.Watch(resource.StorageKey, from, bookmarks);
        }
        catch (ResourceVersionExpiredException ex)
        {
            await WriteEventAsync(context, "ERROR", new ApiException(410, "Expired", ex.Message).ToStatus());
            return;
        }
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        deadline.CancelAfter(timeout);
        var prefix = ns is null ? null : ns + "/";
        var firstTable = true;
        try
        {
            await context.Response.Body.FlushAsync(deadline.Token);
            foreach (var change in initial)
            {
                await SendAsync(change);
            }
            if (initialEvents)
            {
                var marker = BookmarkObject(resource, service.Store.CurrentResourceVersion);
                ObjectJson.Metadata(marker)["annotations"] = new JsonObject { ["k8s.io/initial-events-end"] = "true" };
                await WriteEventAsync(context, "BOOKMARK", marker);
            }
            await foreach (var change in subscription.Changes.Reader.ReadAllAsync(deadline.Token))
            {
                await SendAsync(change);
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            service.Store.Unwatch(subscription);
        }

        async Task SendAsync(ChangeRecord change)
        {
            if (change.Kind == ChangeKind.Bookmark)
            {
                await WriteEventAsync(context, "BOOKMARK", BookmarkObject(resource, change.ResourceVersion));
                return;
            }
            if (prefix is not null && !change.Key.StartsWith(prefix, StringComparison.Ordinal))
            {
                return;
            }
            var filtered = labels is not null || fields is not null;
            var nowMatches = !filtered || KubeApiHandler.Matches(change.Object!, labels, fields);
            var wasMatching = change.Previous is not null && (!filtered || KubeApiHandler.Matches(change.Previous, labels, fields));
            string type;
            byte[] payload;
            switch (change.Kind)
            {
                case ChangeKind.Added when nowMatches:
                    (type, payload) = ("ADDED", change.Object!);
                    break;
                case ChangeKind.Deleted when nowMatches:
                    (type, payload) = ("DELETED", change.Object!);
                    break;
                case ChangeKind.Modified when nowMatches && wasMatching:
                    (type, payload) = ("MODIFIED", change.Object!);
                    break;
                case ChangeKind.Modified when nowMatches:
                    (type, payload) = ("ADDED", change.Object!);
                    break;
                case ChangeKind.Modified when wasMatching:
                    // Leaving the selection: kube sends the previous state carrying the new resourceVersion.
                    var previous = ObjectJson.Parse(change.Previous!);
                    ObjectJson.Metadata(previous)["resourceVersion"] = ResourceService.FormatVersion(change.ResourceVersion);
                    (type, payload) = ("DELETED", WireJson.Bytes(previous));
                    break;
                default:
                    return;
            }
            var obj = ResourceService.Present(resource, ObjectJson.Parse(payload));
            if (columns is not null)
            {
                var table = TableConverter.Convert([obj], columns, clock.GetUtcNow(), ObjectJson.ResourceVersion(obj) ?? "", null, includeObject);
                if (!firstTable)
                {
                    table.Remove("columnDefinitions");
                }
                firstTable = false;
                await WriteEventAsync(context, type, table);
                return;
            }
            await WriteEventAsync(context, type, obj);
        }
    }

    private static JsonObject BookmarkObject(ApiResource resource, long version) => new()
    {
        ["kind"] = resource.Kind,
        ["apiVersion"] = resource.GroupVersion,
        ["metadata"] = new JsonObject { ["resourceVersion"] = ResourceService.FormatVersion(version) },
    };

    private static async Task WriteEventAsync(HttpContext context, string type, JsonObject obj)
    {
        var line = WireJson.Bytes(new JsonObject { ["type"] = type, ["object"] = obj });
        var body = context.Response.Body;
        await body.WriteAsync(line, context.RequestAborted);
        await body.WriteAsync("\n"u8.ToArray(), context.RequestAborted);
        await body.FlushAsync(context.RequestAborted);
    }
}
