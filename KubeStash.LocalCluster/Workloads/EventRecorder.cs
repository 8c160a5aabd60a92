using System.Collections.Concurrent;
using System.Globalization;
using k8s;
using k8s.Models;

namespace KubeStash.LocalCluster.Workloads;

/// <summary>
/// Writes core/v1 Events about the objects a controller acts on, as kube's controllers and kubelet do, so that
/// <c>kubectl describe</c> and <c>kubectl get events</c> tell what happened. Recording never blocks or fails the
/// caller; a write that fails is logged and dropped, as client-go's recorder drops them.
/// </summary>
internal sealed class EventRecorder(IKubernetes client, string component, string? host, TimeProvider timeProvider, ILogger logger)
{
    private readonly ConcurrentDictionary<Task, byte> _pending = new();

    public void Normal(IKubernetesObject<V1ObjectMeta> subject, string reason, string message) => Record(subject, "Normal", reason, message);

    public void Warning(IKubernetesObject<V1ObjectMeta> subject, string reason, string message) => Record(subject, "Warning", reason, message);

    /// <summary>Waits (briefly) for the Events still being written.</summary>
    public async Task FlushAsync(TimeSpan timeout)
    {
        try
        {
            await Task.WhenAll(_pending.Keys).WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
        }
    }

    private void Record(IKubernetesObject<V1ObjectMeta> subject, string type, string reason, string message)
    {
        var ns = subject.Namespace() ?? "default";
        var now = timeProvider.GetUtcNow().UtcDateTime;
        // Objects from lists carry no apiVersion and kind; the controllers here know what they act on.
        var (apiVersion, kind) = subject switch
        {
            V1Pod => ("v1", "Pod"),
            V1Job => ("batch/v1", "Job"),
            V1CronJob => ("batch/v1", "CronJob"),
            _ => (subject.ApiVersion, subject.Kind),
        };
        var reference = new V1ObjectReference
        {
            ApiVersion = apiVersion,
            Kind = kind,
            Name = subject.Name(),
            NamespaceProperty = ns,
            Uid = subject.Uid(),
            ResourceVersion = subject.ResourceVersion(),
        };
        var kubeEvent = new Corev1Event
        {
            ApiVersion = "v1",
            Kind = "Event",
            Metadata = new V1ObjectMeta
            {
                // kube names events <object>.<unix nanoseconds in hex>.
                Name = $"{subject.Name()}.{(now.Ticks - DateTime.UnixEpoch.Ticks + Random.Shared.Next(100)).ToString("x", CultureInfo.InvariantCulture)}",
                NamespaceProperty = ns,
            },
            InvolvedObject = reference,
            Reason = reason,
            Message = message,
            Type = type,
            Source = new V1EventSource { Component = component, Host = host },
            ReportingComponent = component,
            ReportingInstance = host ?? component,
            FirstTimestamp = now,
            LastTimestamp = now,
            Count = 1,
        };
        var task = WriteAsync(kubeEvent, ns);
        _pending.TryAdd(task, 0);
        _ = task.ContinueWith(t => _pending.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private async Task WriteAsync(Corev1Event kubeEvent, string ns)
    {
        try
        {
            await client.CoreV1.CreateNamespacedEventAsync(kubeEvent, ns);
        }
        catch (Exception e)
        {
            logger.LogDebug(e, "Could not record event {Reason} for {Kind} {Namespace}/{Name}", kubeEvent.Reason, kubeEvent.InvolvedObject.Kind, ns, kubeEvent.InvolvedObject.Name);
        }
    }
}
