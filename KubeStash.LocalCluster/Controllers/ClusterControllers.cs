using System.Text.Json.Nodes;
using System.Threading.Channels;
using KubeStash.LocalCluster.Api;
using KubeStash.LocalCluster.Http;
using KubeStash.LocalCluster.Storage;

namespace KubeStash.LocalCluster.Controllers;

/// <summary>
/// The control-plane loops kube-controller-manager and the apiextensions server run, reduced to what the API
/// contract needs: garbage collection of owned objects (background, foreground, orphan), namespace cleanup,
/// and CRD serving/cleanup. Work arrives from the write path and is processed on one background loop.
/// </summary>
internal sealed class ClusterControllers(ResourceService service, ILogger logger) : IClusterControllers
{
    private const string NamespacesTable = "namespaces";
    private const string CrdTable = "customresourcedefinitions.apiextensions.k8s.io";
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(200);

    private readonly Channel<WorkItem> _queue = Channel.CreateUnbounded<WorkItem>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _indexGate = new();
    private readonly Dictionary<string, HashSet<(string Table, string Key)>> _dependents = new(StringComparer.Ordinal);
    private CancellationToken _stopping;

    private enum WorkKind
    {
        CheckDependent,
        OwnerGone,
        ProcessOwner,
        CleanupNamespace,
        CleanupCrd,
    }

    private sealed record WorkItem(WorkKind Kind, string Table, string Key);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        _stopping = cancellationToken;
        try
        {
            await foreach (var item in _queue.Reader.ReadAllAsync(cancellationToken))
            {
                try
                {
                    await ProcessAsync(item, cancellationToken);
                }
                catch (ApiException ex) when (ex.Code is 404 or 409)
                {
                    Requeue(item);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "Controller work {Kind} on {Table} {Key} failed; retrying", item.Kind, item.Table, item.Key);
                    Requeue(item);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    public void ObjectWritten(ApiResource resource, JsonObject obj, bool deleted)
    {
        var key = ObjectStore.KeyOf(ObjectJson.Namespace(obj), ObjectJson.Name(obj) ?? "");
        var uid = ObjectJson.Uid(obj) ?? "";
        var deleting = ObjectJson.IsDeleting(obj);
        if (resource.StorageKey == CrdTable)
        {
            if (deleted)
            {
                StopServing(obj);
            }
            else if (deleting)
            {
                Enqueue(WorkKind.CleanupCrd, CrdTable, key);
            }
            else
            {
                service.Catalog.SetCustomResource(key, CustomResourceDefinitions.Resources(obj));
            }
        }
        if (resource.StorageKey == NamespacesTable && deleting && !deleted)
        {
            Enqueue(WorkKind.CleanupNamespace, NamespacesTable, key);
        }

        var owners = OwnerReferences(obj);
        lock (_indexGate)
        {
            foreach (var owner in owners)
            {
                var ownerUid = ObjectJson.String(owner["uid"]) ?? "";
                if (deleted)
                {
                    if (_dependents.TryGetValue(ownerUid, out var set) && set.Remove((resource.StorageKey, key)) && set.Count == 0)
                    {
                        _dependents.Remove(ownerUid);
                    }
                }
                else
                {
                    if (!_dependents.TryGetValue(ownerUid, out var set))
                    {
                        set = [];
                        _dependents[ownerUid] = set;
                    }
                    set.Add((resource.StorageKey, key));
                }
            }
        }
        if (deleted)
        {
            Enqueue(WorkKind.OwnerGone, resource.StorageKey, uid);
            foreach (var owner in owners)
            {
                if (ResolveOwnerKey(owner, ObjectJson.Namespace(obj)) is { } ownerLocation)
                {
                    Enqueue(WorkKind.ProcessOwner, ownerLocation.Table, ownerLocation.Key);
                }
            }
        }
        else
        {
            if (owners.Count > 0)
            {
                Enqueue(WorkKind.CheckDependent, resource.StorageKey, key);
            }
            var finalizers = ObjectJson.Finalizers(obj);
            if (deleting && (finalizers.Contains("orphan") || finalizers.Contains("foregroundDeletion")))
            {
                Enqueue(WorkKind.ProcessOwner, resource.StorageKey, key);
            }
        }
    }

    private async Task ProcessAsync(WorkItem item, CancellationToken cancellationToken)
    {
        switch (item.Kind)
        {
            case WorkKind.CheckDependent:
                await CheckDependentAsync(item.Table, item.Key, cancellationToken);
                break;
            case WorkKind.OwnerGone:
                foreach (var (table, key) in DependentsOf(item.Key))
                {
                    await CheckDependentAsync(table, key, cancellationToken);
                }
                break;
            case WorkKind.ProcessOwner:
                await ProcessOwnerAsync(item, cancellationToken);
                break;
            case WorkKind.CleanupNamespace:
                await CleanupNamespaceAsync(item, cancellationToken);
                break;
            case WorkKind.CleanupCrd:
                await CleanupCrdAsync(item, cancellationToken);
                break;
        }
    }

    private async Task CheckDependentAsync(string table, string key, CancellationToken cancellationToken)
    {
        var resource = service.Catalog.FindStorage(table);
        if (resource is null || service.Store.Get(table, key) is not { } stored)
        {
            return;
        }
        var obj = ObjectJson.Parse(stored.Json);
        if (ObjectJson.IsDeleting(obj))
        {
            return;
        }
        var owners = OwnerReferences(obj);
        var absent = owners.Where(o => OwnerState(o, ObjectJson.Namespace(obj)) == Presence.Absent).Select(o => ObjectJson.String(o["uid"])).ToHashSet();
        if (absent.Count == 0)
        {
            return;
        }
        var (ns, name) = Split(key);
        if (absent.Count == owners.Count)
        {
            logger.LogDebug("Garbage-collecting {Table} {Key}: every owner is gone", table, key);
            await service.DeleteAsync(resource, ns, name, new DeleteRequest("Background"), WriteContext.Internal(), cancellationToken);
            return;
        }
        await service.WriteExistingAsync(resource, ns, name, current =>
        {
            RemoveOwnerReferences(current, absent);
            return current;
        }, statusOnly: false, WriteContext.Internal(), cancellationToken);
    }

    private async Task ProcessOwnerAsync(WorkItem item, CancellationToken cancellationToken)
    {
        var resource = service.Catalog.FindStorage(item.Table);
        if (resource is null || service.Store.Get(item.Table, item.Key) is not { } stored)
        {
            return;
        }
        var owner = ObjectJson.Parse(stored.Json);
        var finalizers = ObjectJson.Finalizers(owner);
        if (!ObjectJson.IsDeleting(owner))
        {
            return;
        }
        var uid = ObjectJson.Uid(owner) ?? "";
        string finished;
        if (finalizers.Contains("orphan"))
        {
            foreach (var (table, key) in DependentsOf(uid))
            {
                if (service.Catalog.FindStorage(table) is not { } dependentResource || service.Store.Get(table, key) is null)
                {
                    continue;
                }
                var (ns, name) = Split(key);
                await service.WriteExistingAsync(dependentResource, ns, name, current =>
                {
                    RemoveOwnerReferences(current, new HashSet<string?> { uid });
                    return current;
                }, statusOnly: false, WriteContext.Internal(), cancellationToken);
            }
            finished = "orphan";
        }
        else if (finalizers.Contains("foregroundDeletion"))
        {
            var blocking = 0;
            foreach (var (table, key) in DependentsOf(uid))
            {
                if (service.Catalog.FindStorage(table) is not { } dependentResource || service.Store.Get(table, key) is not { } dependentStored)
                {
                    continue;
                }
                var dependent = ObjectJson.Parse(dependentStored.Json);
                var reference = OwnerReferences(dependent).FirstOrDefault(o => ObjectJson.String(o["uid"]) == uid);
                if (reference is null)
                {
                    continue;
                }
                if (reference["blockOwnerDeletion"] is JsonValue block && block.GetValue<bool>())
                {
                    blocking++;
                }
                if (!ObjectJson.IsDeleting(dependent))
                {
                    var (ns, name) = Split(key);
                    await service.DeleteAsync(dependentResource, ns, name, new DeleteRequest("Foreground"), WriteContext.Internal(), cancellationToken);
                }
            }
            if (blocking > 0)
            {
                Requeue(item);
                return;
            }
            finished = "foregroundDeletion";
        }
        else
        {
            return;
        }
        var (ownerNs, ownerName) = Split(item.Key);
        await service.WriteExistingAsync(resource, ownerNs, ownerName, current =>
        {
            ObjectJson.SetFinalizers(current, [.. ObjectJson.Finalizers(current).Where(f => f != finished)]);
            return current;
        }, statusOnly: false, WriteContext.Internal(), cancellationToken);
    }

    private async Task CleanupNamespaceAsync(WorkItem item, CancellationToken cancellationToken)
    {
        var ns = item.Key;
        if (service.Store.Get(NamespacesTable, ns) is null)
        {
            return;
        }
        var remaining = 0;
        foreach (var table in service.Store.TableNames())
        {
            if (service.Catalog.FindStorage(table) is not { Namespaced: true } resource)
            {
                continue;
            }
            foreach (var (key, json) in service.Store.Snapshot(table, ns + "/"))
            {
                remaining++;
                if (!ObjectJson.IsDeleting(ObjectJson.Parse(json)))
                {
                    await TryDeleteAsync(resource, ns, key[(ns.Length + 1)..], new DeleteRequest("Background", 0), cancellationToken);
                }
            }
        }
        if (remaining > 0)
        {
            Requeue(item);
            return;
        }
        await service.FinalizeNamespaceAsync(ns, cancellationToken);
    }

    private async Task CleanupCrdAsync(WorkItem item, CancellationToken cancellationToken)
    {
        if (service.Store.Get(CrdTable, item.Key) is not { } stored)
        {
            return;
        }
        var crd = ObjectJson.Parse(stored.Json);
        var group = ObjectJson.String(crd["spec"]?["group"]) ?? "";
        var plural = ObjectJson.String(crd["spec"]?["names"]?["plural"]) ?? "";
        var table = $"{plural}.{group}";
        var resource = service.Catalog.FindStorage(table);
        var instances = service.Store.Snapshot(table);
        if (instances.Count > 0 && resource is not null)
        {
            foreach (var (key, json) in instances)
            {
                if (!ObjectJson.IsDeleting(ObjectJson.Parse(json)))
                {
                    var (ns, name) = Split(key);
                    await TryDeleteAsync(resource, ns, name, new DeleteRequest("Background"), cancellationToken);
                }
            }
            Requeue(item);
            return;
        }
        var crdResource = service.Catalog.FindStorage(CrdTable)!;
        await service.WriteExistingAsync(crdResource, null, item.Key, current =>
        {
            ObjectJson.SetFinalizers(current, [.. ObjectJson.Finalizers(current).Where(f => f != ResourceService.CrdFinalizer)]);
            return current;
        }, statusOnly: false, WriteContext.Internal(), cancellationToken);
    }

    private async Task TryDeleteAsync(ApiResource resource, string? ns, string name, DeleteRequest options, CancellationToken cancellationToken)
    {
        try
        {
            await service.DeleteAsync(resource, ns, name, options, WriteContext.Internal(), cancellationToken);
        }
        catch (ApiException ex) when (ex.Code == 404)
        {
        }
    }

    private void StopServing(JsonObject crd)
    {
        var name = ObjectJson.Name(crd) ?? "";
        var group = ObjectJson.String(crd["spec"]?["group"]) ?? "";
        var plural = ObjectJson.String(crd["spec"]?["names"]?["plural"]) ?? "";
        service.Catalog.SetCustomResource(name, []);
        service.Store.DropTable($"{plural}.{group}");
    }

    private enum Presence
    {
        Present,
        Absent,
        Unknown,
    }

    private Presence OwnerState(JsonObject reference, string? dependentNamespace)
    {
        var location = ResolveOwnerKey(reference, dependentNamespace);
        if (location is null)
        {
            return Presence.Unknown;
        }
        if (service.Store.Get(location.Value.Table, location.Value.Key) is not { } stored)
        {
            return Presence.Absent;
        }
        return ObjectJson.Uid(ObjectJson.Parse(stored.Json)) == ObjectJson.String(reference["uid"]) ? Presence.Present : Presence.Absent;
    }

    private (string Table, string Key)? ResolveOwnerKey(JsonObject reference, string? dependentNamespace)
    {
        var ownerResource = service.Catalog.FindByKind(ObjectJson.String(reference["apiVersion"]) ?? "", ObjectJson.String(reference["kind"]) ?? "");
        if (ownerResource is null)
        {
            return null;
        }
        var name = ObjectJson.String(reference["name"]) ?? "";
        return (ownerResource.StorageKey, ownerResource.Namespaced ? ObjectStore.KeyOf(dependentNamespace, name) : name);
    }

    private List<(string Table, string Key)> DependentsOf(string uid)
    {
        lock (_indexGate)
        {
            return _dependents.TryGetValue(uid, out var set) ? [.. set] : [];
        }
    }

    private static List<JsonObject> OwnerReferences(JsonObject obj) =>
        obj["metadata"]?["ownerReferences"] is JsonArray array ? [.. array.OfType<JsonObject>()] : [];

    private static void RemoveOwnerReferences(JsonObject obj, HashSet<string?> uids)
    {
        var metadata = ObjectJson.Metadata(obj);
        var kept = OwnerReferences(obj).Where(o => !uids.Contains(ObjectJson.String(o["uid"]))).Select(o => o.DeepClone()).ToList();
        if (kept.Count == 0)
        {
            metadata.Remove("ownerReferences");
        }
        else
        {
            metadata["ownerReferences"] = new JsonArray([.. kept]);
        }
    }

    private static (string? Namespace, string Name) Split(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? (null, key) : (key[..slash], key[(slash + 1)..]);
    }

    private void Enqueue(WorkKind kind, string table, string key) => _queue.Writer.TryWrite(new WorkItem(kind, table, key));

    private void Requeue(WorkItem item) =>
        _ = Task.Delay(RetryDelay, _stopping).ContinueWith(_ => _queue.Writer.TryWrite(item), TaskScheduler.Default);
}
