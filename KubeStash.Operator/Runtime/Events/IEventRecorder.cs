using k8s;
using k8s.Models;

namespace KubeStash.Operator.Runtime.Events;

/// <summary>Publishes core/v1 Events about an object; repeats of the same event raise its count instead of piling up.</summary>
public interface IEventRecorder
{
    Task RecordAsync(
        IKubernetesObject<V1ObjectMeta> involved, EventSeverity severity, string reason, string message, CancellationToken cancellationToken);
}
