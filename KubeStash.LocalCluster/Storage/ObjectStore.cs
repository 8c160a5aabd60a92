using System.Text.Json.Nodes;
using KubeStash.LocalCluster.Api;

namespace KubeStash.LocalCluster.Storage;

/// <summary>
/// All objects of the cluster, as compact UTF-8 JSON in one sorted table per resource, with one cluster-wide
/// monotonic resourceVersion and a bounded history of changes (the "etcd" of LocalCluster).
/// Keys are "namespace/name" or "name", which sorts exactly as kube-apiserver's etcd keys do.
/// </summary>
internal sealed class ObjectStore(int historyLimit)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, SortedList<string, StoredObject>> _tables = new(StringComparer.Ordinal);
    private readonly List<ChangeRecord> _history = [];
    private readonly List<WatchSubscription> _watchers = [];
    private long _resourceVersion = 1;
    private long _compactedRevision = 1;

    public long CurrentResourceVersion
    {
        get { lock (_gate) { return _resourceVersion; } }
    }

    /// <summary>The oldest resourceVersion that can still be listed or watched from.</summary>
    public long CompactedRevision
    {
        get { lock (_gate) { return _compactedRevision; } }
    }

    public static string KeyOf(string? ns, string name) => string.IsNullOrEmpty(ns) ? name : $"{ns}/{name}";

    public StoredObject? Get(string table, string key)
    {
        lock (_gate)
        {
            return _tables.TryGetValue(table, out var items) && items.TryGetValue(key, out var stored) ? stored : null;
        }
    }

    public int Count(string table)
    {
        lock (_gate)
        {
            return _tables.TryGetValue(table, out var items) ? items.Count : 0;
        }
    }

    /// <summary>Stores a new object; the resourceVersion is assigned here and written into its metadata.</summary>
    public (WriteOutcome Outcome, StoredObject Stored) Create(string table, string key, JsonObject obj)
    {
        lock (_gate)
        {
            var items = TableFor(table);
            if (items.TryGetValue(key, out var existing))
            {
                return (WriteOutcome.AlreadyExists, existing);
            }
            var stored = Stamp(obj);
            items.Add(key, stored);
            Record(new ChangeRecord(stored.ResourceVersion, table, key, ChangeKind.Added, stored.Json, null));
            return (WriteOutcome.Written, stored);
        }
    }

    /// <summary>Replaces an object if its stored resourceVersion is still <paramref name="expectedVersion"/>.</summary>
    public (WriteOutcome Outcome, StoredObject Stored) Update(string table, string key, long expectedVersion, JsonObject obj)
    {
        lock (_gate)
        {
            var items = TableFor(table);
            if (!items.TryGetValue(key, out var existing))
            {
                return (WriteOutcome.NotFound, default);
            }
            if (existing.ResourceVersion != expectedVersion)
            {
                return (WriteOutcome.Conflict, existing);
            }
            var stored = Stamp(obj);
            items[key] = stored;
            Record(new ChangeRecord(stored.ResourceVersion, table, key, ChangeKind.Modified, stored.Json, existing.Json));
            return (WriteOutcome.Written, stored);
        }
    }

    /// <summary>Removes an object if it is still at <paramref name="expectedVersion"/>; <paramref name="finalState"/> is what watchers see.</summary>
    public (WriteOutcome Outcome, StoredObject Stored) Delete(string table, string key, long expectedVersion, JsonObject finalState)
    {
        lock (_gate)
        {
            var items = TableFor(table);
            if (!items.TryGetValue(key, out var existing))
            {
                return (WriteOutcome.NotFound, default);
            }
            if (existing.ResourceVersion != expectedVersion)
            {
                return (WriteOutcome.Conflict, existing);
            }
            var stored = Stamp(finalState);
            items.Remove(key);
            Record(new ChangeRecord(stored.ResourceVersion, table, key, ChangeKind.Deleted, stored.Json, existing.Json));
            return (WriteOutcome.Written, stored);
        }
    }

    /// <summary>Drops a whole table without events (its resource stopped being served).</summary>
    public void DropTable(string table)
    {
        lock (_gate)
        {
            _tables.Remove(table);
        }
    }

    /// <summary>
    /// Up to <paramref name="max"/> objects of <paramref name="table"/> as they were at <paramref name="atVersion"/>, in key
    /// order, after <paramref name="afterKey"/> and within <paramref name="prefix"/>. Throws when the version is compacted.
    /// </summary>
    public List<KeyValuePair<string, byte[]>> ReadChunk(string table, string? prefix, long atVersion, string? afterKey, int max)
    {
        lock (_gate)
        {
            if (atVersion < _compactedRevision)
            {
                throw new ResourceVersionExpiredException(atVersion, _compactedRevision);
            }
            var result = new List<KeyValuePair<string, byte[]>>(Math.Min(max, 1024));
            _tables.TryGetValue(table, out var items);
            var undone = UndoneSince(table, atVersion, prefix);
            var keys = items?.Keys;
            var values = items?.Values;
            var index = keys is null ? 0 : LowerBound(keys, afterKey, prefix);
            List<string>? changedKeys = null;
            var changedIndex = 0;
            if (undone.Count > 0)
            {
                changedKeys = [.. undone.Where(e => e.Value is not null && After(e.Key, afterKey)).Select(e => e.Key).Order(StringComparer.Ordinal)];
            }
            while (result.Count < max)
            {
                string? currentKey = null;
                while (keys is not null && index < keys.Count)
                {
                    var candidate = keys[index];
                    if (prefix is not null && !candidate.StartsWith(prefix, StringComparison.Ordinal))
                    {
                        index = keys.Count;
                        break;
                    }
                    if (undone.ContainsKey(candidate))
                    {
                        index++;
                        continue;
                    }
                    currentKey = candidate;
                    break;
                }
                var changedKey = changedKeys is not null && changedIndex < changedKeys.Count ? changedKeys[changedIndex] : null;
                if (currentKey is null && changedKey is null)
                {
                    break;
                }
                if (changedKey is null || (currentKey is not null && string.CompareOrdinal(currentKey, changedKey) < 0))
                {
                    result.Add(new(currentKey!, values![index].Json));
                    index++;
                }
                else
                {
                    result.Add(new(changedKey, undone[changedKey]!));
                    changedIndex++;
                }
            }
            return result;
        }
    }

    /// <summary>
    /// Registers a watch. With <paramref name="fromVersion"/> null the current objects come back as synthetic additions;
    /// otherwise the retained changes after it are replayed. Either way no change is missed or repeated.
    /// </summary>
    public (List<ChangeRecord> Initial, WatchSubscription Subscription) Watch(string table, long? fromVersion, bool bookmarks)
    {
        lock (_gate)
        {
            var initial = new List<ChangeRecord>();
            if (fromVersion is null)
            {
                if (_tables.TryGetValue(table, out var items))
                {
                    foreach (var (key, stored) in items)
                    {
                        initial.Add(new ChangeRecord(stored.ResourceVersion, table, key, ChangeKind.Added, stored.Json, null));
                    }
                }
            }
            else
            {
                if (fromVersion.Value < _compactedRevision)
                {
                    throw new ResourceVersionExpiredException(fromVersion.Value, _compactedRevision);
                }
                for (var i = FirstHistoryIndexAfter(fromVersion.Value); i < _history.Count; i++)
                {
                    if (_history[i].Table == table)
                    {
                        initial.Add(_history[i]);
                    }
                }
            }
            var subscription = new WatchSubscription(table, bookmarks);
            _watchers.Add(subscription);
            return (initial, subscription);
        }
    }

    public void Unwatch(WatchSubscription subscription)
    {
        lock (_gate)
        {
            _watchers.Remove(subscription);
        }
        subscription.Changes.Writer.TryComplete();
    }

    /// <summary>Tells every bookmark-wanting watcher the current resourceVersion, in order with its changes.</summary>
    public void SendBookmarks()
    {
        lock (_gate)
        {
            foreach (var watcher in _watchers.Where(w => w.WantsBookmarks))
            {
                watcher.Changes.Writer.TryWrite(new ChangeRecord(_resourceVersion, watcher.Table, "", ChangeKind.Bookmark, null, null));
            }
        }
    }

    /// <summary>Forgets all history, as an etcd compaction does: older resourceVersions answer 410 Expired.</summary>
    public void Compact()
    {
        lock (_gate)
        {
            _history.Clear();
            _compactedRevision = _resourceVersion;
        }
    }

    /// <summary>Ends every open watch (the stream closes; clients re-watch from their last resourceVersion).</summary>
    public void CloseAllWatches()
    {
        lock (_gate)
        {
            foreach (var watcher in _watchers)
            {
                watcher.Changes.Writer.TryComplete();
            }
            _watchers.Clear();
        }
    }

    /// <summary>Every key of a table (a snapshot), for controllers that sweep.</summary>
    public List<KeyValuePair<string, byte[]>> Snapshot(string table, string? prefix = null)
    {
        lock (_gate)
        {
            if (!_tables.TryGetValue(table, out var items))
            {
                return [];
            }
            var result = new List<KeyValuePair<string, byte[]>>();
            var keys = items.Keys;
            for (var i = LowerBound(keys, null, prefix); i < keys.Count; i++)
            {
                if (prefix is not null && !keys[i].StartsWith(prefix, StringComparison.Ordinal))
                {
                    break;
                }
                result.Add(new(keys[i], items.Values[i].Json));
            }
            return result;
        }
    }

    public IReadOnlyList<string> TableNames()
    {
        lock (_gate)
        {
            return [.. _tables.Keys];
        }
    }

    private SortedList<string, StoredObject> TableFor(string table)
    {
        if (!_tables.TryGetValue(table, out var items))
        {
            items = new SortedList<string, StoredObject>(StringComparer.Ordinal);
            _tables[table] = items;
        }
        return items;
    }

    private StoredObject Stamp(JsonObject obj)
    {
        var version = ++_resourceVersion;
        if (obj["metadata"] is not JsonObject metadata)
        {
            metadata = [];
            obj["metadata"] = metadata;
        }
        metadata["resourceVersion"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new StoredObject(WireJson.Bytes(obj), version);
    }

    private void Record(ChangeRecord change)
    {
        _history.Add(change);
        if (_history.Count > historyLimit + (historyLimit / 4))
        {
            var drop = _history.Count - historyLimit;
            _compactedRevision = _history[drop - 1].ResourceVersion;
            _history.RemoveRange(0, drop);
        }
        foreach (var watcher in _watchers)
        {
            if (watcher.Table == change.Table)
            {
                watcher.Changes.Writer.TryWrite(change);
            }
        }
    }

    private Dictionary<string, byte[]?> UndoneSince(string table, long version, string? prefix)
    {
        var undone = new Dictionary<string, byte[]?>(StringComparer.Ordinal);
        for (var i = FirstHistoryIndexAfter(version); i < _history.Count; i++)
        {
            var change = _history[i];
            if (change.Table == table && (prefix is null || change.Key.StartsWith(prefix, StringComparison.Ordinal)))
            {
                undone.TryAdd(change.Key, change.Previous);
            }
        }
        return undone;
    }

    private int FirstHistoryIndexAfter(long version)
    {
        int low = 0, high = _history.Count;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (_history[mid].ResourceVersion <= version)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }
        return low;
    }

    private static bool After(string key, string? afterKey) => afterKey is null || string.CompareOrdinal(key, afterKey) > 0;

    /// <summary>Index of the first key that is after <paramref name="afterKey"/> and not before <paramref name="prefix"/>.</summary>
    private static int LowerBound(IList<string> keys, string? afterKey, string? prefix)
    {
        int low = 0, high = keys.Count;
        while (low < high)
        {
            var mid = (low + high) / 2;
            var key = keys[mid];
            var before = (afterKey is not null && string.CompareOrdinal(key, afterKey) <= 0)
                || (prefix is not null && string.CompareOrdinal(key, prefix) < 0);
            if (before)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }
        return low;
    }
}
