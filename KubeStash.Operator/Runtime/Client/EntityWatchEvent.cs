using k8s;

namespace KubeStash.Operator.Runtime.Client;

/// <summary>One event of a watch stream. For <see cref="WatchEventType.Bookmark"/> only the resource version is meaningful.</summary>
public readonly record struct EntityWatchEvent<TEntity>(WatchEventType Type, TEntity Entity);
