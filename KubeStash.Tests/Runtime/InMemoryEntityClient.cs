using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using KubeStash.Operator.Runtime.Client;
using KubeStash.Operator.Runtime.Entities;

namespace KubeStash.Tests.Runtime;

/// <summary>
/// A test double of the API server's object semantics that the reconciler relies on (resource versions and 409 on stale
/// writes, generation bumps on spec changes, deletion held by finalizers, /status writes) with a change feed that stands
/// in for the watch. Used only where a real server is not needed to show the runtime's logic.
/// </summary>
public sealed class InMemoryEntityClient : IEntityClient
{
    private readonly Lock gate = new();
    private readonly Dictionary<(EntityType Type, ObjectKey Key), JsonObject> objects = [];
    private readonly List<(long Version, WatchEventType Type, EntityType Entity, string Json)> history = [];
    private TaskCompletionSource published = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long resourceVersion;
    private long compactedThrough;
    private int pendingStatusConflicts;
    private int dropWatchesAfter;

    /// <summary>Raised after every stored change, like a watch event: type and a fresh copy of the object's JSON.</summary>
    public event Action<WatchEventType, string>? Changed;

    public int StatusWrites { get; private set; }

    /// <summary>Watch requests served so far (each reconnect counts).</summary>
    public int WatchRequests { get; private set; }

    /// <summary>Every watch connection breaks (IOException) after delivering this many events; 0 turns drops off.</summary>
    public void DropWatchesAfter(int events)
    {
        lock (gate)
        {
            dropWatchesAfter = events;
        }
    }

    /// <summary>Forgets history up to now, as etcd compaction does: watches from older versions get 410 Gone.</summary>
    public void Compact()
    {
        lock (gate)
        {
            compactedThrough = resourceVersion;
            history.Clear();
        }
    }

    public int Replaces { get; private set; }

    /// <summary>The next <paramref name="count"/> status writes fail with 409 after someone else changed the object.</summary>
    public void InjectStatusConflicts(int count)
    {
        lock (gate)
        {
            pendingStatusConflicts = count;
        }
    }

    public Task<TEntity?> GetAsync<TEntity>(string name, string? @namespace, CancellationToken cancellationToken)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
    {
        lock (gate)
        {
            return Task.FromResult(objects.TryGetValue((EntityType.Of<TEntity>(), Key(@namespace, name)), out var stored)
                ? KubernetesJson.Deserialize<TEntity>(stored.ToJsonString())
                : null);
        }
    }

    public Task<EntityList<TEntity>> ListAsync<TEntity>(string? @namespace, string? labelSelector, CancellationToken cancellationToken)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
    {
        lock (gate)
        {
            var type = EntityType.Of<TEntity>();
            var items = objects.Where(pair => pair.Key.Type == type && (@namespace is null || pair.Key.Key.Namespace == @namespace))
                .Select(pair => KubernetesJson.Deserialize<TEntity>(pair.Value.ToJsonString()))
                .ToList();
            return Task.FromResult(new EntityList<TEntity>
            {
                Items = items,
                Metadata = new V1ListMeta { ResourceVersion = resourceVersion.ToString(CultureInfo.InvariantCulture) },
            });
        }
    }

    public async IAsyncEnumerable<EntityWatchEvent<TEntity>> WatchAsync<TEntity>(
        string? @namespace, string? labelSelector, string? resourceVersion, TimeSpan timeout, [EnumeratorCancellation] CancellationToken cancellationToken)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
    {
        var type = EntityType.Of<TEntity>();
        var from = long.Parse(resourceVersion ?? "0", CultureInfo.InvariantCulture);
        int dropAfter;
        lock (gate)
        {
            WatchRequests++;
            dropAfter = dropWatchesAfter;
        }

        var delivered = 0;
        while (true)
        {
            List<(long Version, WatchEventType Type, EntityType Entity, string Json)> batch;
            Task next;
            lock (gate)
            {
                if (from < compactedThrough)
                {
                    throw new KubernetesApiException(HttpStatusCode.Gone, null, $"too old resource version: {from} ({compactedThrough})");
                }

                batch = [.. history.Where(e => e.Version > from && e.Entity == type)];
                next = published.Task;
            }

            foreach (var change in batch)
            {
                if (dropAfter > 0 && delivered >= dropAfter)
                {
                    throw new IOException("injected watch drop");
                }

                from = change.Version;
                delivered++;
                yield return new EntityWatchEvent<TEntity>(change.Type, KubernetesJson.Deserialize<TEntity>(change.Json));
            }

            await next.WaitAsync(cancellationToken);
        }
    }

    public Task<TEntity> CreateAsync<TEntity>(TEntity entity, CancellationToken cancellationToken)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
    {
        var type = EntityType.Of<TEntity>();
        entity.ApiVersion = type.ApiVersion;
        entity.Kind = type.Kind;
        var node = JsonNode.Parse(KubernetesJson.Serialize(entity))!.AsObject();
        string json;
        lock (gate)
        {
            var key = (type, ObjectKey.Of(entity));
            if (objects.ContainsKey(key))
            {
                throw new KubernetesApiException(HttpStatusCode.Conflict, null, $"{key} already exists");
            }

            var metadata = node["metadata"]!.AsObject();
            metadata["uid"] = Guid.NewGuid().ToString();
            metadata["generation"] = 1;
            metadata["resourceVersion"] = NextVersion();
            metadata["creationTimestamp"] = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            objects[key] = node;
            json = node.ToJsonString();
            Record(WatchEventType.Added, EntityType.Of<TEntity>(), json);
        }

        Changed?.Invoke(WatchEventType.Added, json);
        return Task.FromResult(KubernetesJson.Deserialize<TEntity>(json));
    }

    public Task<TEntity> ReplaceAsync<TEntity>(TEntity entity, CancellationToken cancellationToken)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
    {
        var incoming = JsonNode.Parse(KubernetesJson.Serialize(entity))!.AsObject();
        WatchEventType change;
        string json;
        lock (gate)
        {
            Replaces++;
            var key = (EntityType.Of<TEntity>(), ObjectKey.Of(entity));
            var stored = Current(key, entity.Metadata.ResourceVersion);
            var metadata = stored["metadata"]!.AsObject();
            if (incoming["spec"]?.ToJsonString() != stored["spec"]?.ToJsonString())
            {
                metadata["generation"] = long.Parse(metadata["generation"]!.ToJsonString(), CultureInfo.InvariantCulture) + 1;
                stored["spec"] = incoming["spec"]?.DeepClone();
            }

            metadata["finalizers"] = incoming["metadata"]!["finalizers"]?.DeepClone();
            metadata["labels"] = incoming["metadata"]!["labels"]?.DeepClone();
            metadata["resourceVersion"] = NextVersion();
            change = WatchEventType.Modified;
            if (metadata["deletionTimestamp"] is not null && (metadata["finalizers"] as JsonArray ?? []).Count == 0)
            {
                objects.Remove(key);
                change = WatchEventType.Deleted;
            }

            json = stored.ToJsonString();
            Record(change, EntityType.Of<TEntity>(), json);
        }

        Changed?.Invoke(change, json);
        return Task.FromResult(KubernetesJson.Deserialize<TEntity>(json));
    }

    public Task<TEntity> ReplaceStatusAsync<TEntity>(TEntity entity, CancellationToken cancellationToken)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
    {
        var incoming = JsonNode.Parse(KubernetesJson.Serialize(entity))!.AsObject();
        string json;
        lock (gate)
        {
            StatusWrites++;
            var key = (EntityType.Of<TEntity>(), ObjectKey.Of(entity));
            var stored = Current(key, null);
            if (pendingStatusConflicts > 0)
            {
                pendingStatusConflicts--;
                stored["metadata"]!["resourceVersion"] = NextVersion();
                throw new KubernetesApiException(HttpStatusCode.Conflict, null, $"{key}: the object has been modified");
            }

            stored = Current(key, entity.Metadata.ResourceVersion);
            stored["status"] = incoming["status"]?.DeepClone();
            stored["metadata"]!["resourceVersion"] = NextVersion();
            json = stored.ToJsonString();
            Record(WatchEventType.Modified, EntityType.Of<TEntity>(), json);
        }

        Changed?.Invoke(WatchEventType.Modified, json);
        return Task.FromResult(KubernetesJson.Deserialize<TEntity>(json));
    }

    public Task<TEntity> PatchAsync<TEntity>(string name, string? @namespace, PatchType patchType, string patch, CancellationToken cancellationToken)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
        => throw new NotSupportedException("The in-memory client has no patch support; the runtime's reconciler does not patch.");

    /// <summary>Requests deletion: held (deletionTimestamp set) while finalizers remain.</summary>
    public Task<bool> DeleteAsync<TEntity>(string name, string? @namespace, CancellationToken cancellationToken)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
    {
        WatchEventType change;
        string json;
        lock (gate)
        {
            var key = (EntityType.Of<TEntity>(), Key(@namespace, name));
            if (!objects.TryGetValue(key, out var stored))
            {
                return Task.FromResult(false);
            }

            var metadata = stored["metadata"]!.AsObject();
            if ((metadata["finalizers"] as JsonArray ?? []).Count == 0)
            {
                objects.Remove(key);
                metadata["resourceVersion"] = NextVersion();
                change = WatchEventType.Deleted;
            }
            else
            {
                metadata["deletionTimestamp"] ??= DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
                metadata["resourceVersion"] = NextVersion();
                change = WatchEventType.Modified;
            }

            json = stored.ToJsonString();
            Record(change, EntityType.Of<TEntity>(), json);
        }

        Changed?.Invoke(change, json);
        return Task.FromResult(true);
    }

    /// <summary>Changes the spec as a user would (new generation), bypassing resource-version checks.</summary>
    public void UpdateSpec<TEntity>(string name, string? @namespace, Action<JsonObject> change)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
    {
        string json;
        lock (gate)
        {
            var stored = Current((EntityType.Of<TEntity>(), Key(@namespace, name)), null);
            change(stored["spec"]!.AsObject());
            var metadata = stored["metadata"]!.AsObject();
            metadata["generation"] = long.Parse(metadata["generation"]!.ToJsonString(), CultureInfo.InvariantCulture) + 1;
            metadata["resourceVersion"] = NextVersion();
            json = stored.ToJsonString();
            Record(WatchEventType.Modified, EntityType.Of<TEntity>(), json);
        }

        Changed?.Invoke(WatchEventType.Modified, json);
    }

    private static ObjectKey Key(string? @namespace, string name) => new(string.IsNullOrEmpty(@namespace) ? null : @namespace, name);

    private void Record(WatchEventType type, EntityType entity, string json)
    {
        history.Add((resourceVersion, type, entity, json));
        var signal = published;
        published = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        signal.SetResult();
    }

    private JsonObject Current((EntityType Type, ObjectKey Key) key, string? expectedVersion)
    {
        if (!objects.TryGetValue(key, out var stored))
        {
            throw new KubernetesApiException(HttpStatusCode.NotFound, null, $"{key} not found");
        }

        var actual = stored["metadata"]!["resourceVersion"]!.GetValue<string>();
        if (expectedVersion is not null && expectedVersion != actual)
        {
            throw new KubernetesApiException(HttpStatusCode.Conflict, null, $"{key}: resourceVersion {expectedVersion} is stale ({actual})");
        }

        return stored;
    }

    private string NextVersion() => (++resourceVersion).ToString(CultureInfo.InvariantCulture);
}
