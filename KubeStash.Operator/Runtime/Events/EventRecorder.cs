using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using KubeStash.Operator.Runtime.Client;
using KubeStash.Operator.Runtime.Hosting;
using KubeStash.Operator.Runtime.Rbac;

namespace KubeStash.Operator.Runtime.Events;

/// <summary>
/// <see cref="IEventRecorder"/> writing core/v1 Events. An event's name is derived from the object and the event's
/// content, so a repeat (here or from another instance) finds the existing Event and raises its count.
/// </summary>
[GenericRbac(Groups = [""], Resources = ["events"], Verbs = RbacVerbs.Get | RbacVerbs.Create | RbacVerbs.Patch)]
public sealed class EventRecorder(IEntityClient client, OperatorOptions options, ILogger<EventRecorder> logger) : IEventRecorder
{
    private const int RememberedEvents = 4096;
    private readonly ConcurrentDictionary<string, int> counts = new();

    public async Task RecordAsync(
        IKubernetesObject<V1ObjectMeta> involved, EventSeverity severity, string reason, string message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(involved);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        ArgumentNullException.ThrowIfNull(message);
        var @namespace = string.IsNullOrEmpty(involved.Metadata.NamespaceProperty) ? "default" : involved.Metadata.NamespaceProperty;
        var name = EventName(involved, severity, reason, message);
        var key = $"{@namespace}/{name}";
        try
        {
            if (counts.TryGetValue(key, out var seen) && await TryRaiseCountAsync(name, @namespace, seen + 1, cancellationToken))
            {
                counts[key] = seen + 1;
                return;
            }

            try
            {
                await client.CreateAsync(NewEvent(involved, @namespace, name, severity, reason, message), cancellationToken);
                Remember(key, 1);
            }
            catch (KubernetesApiException e) when (e.IsConflict)
            {
                var existing = await client.GetAsync<Corev1Event>(name, @namespace, cancellationToken);
                var next = (existing?.Count ?? 1) + 1;
                if (await TryRaiseCountAsync(name, @namespace, next, cancellationToken))
                {
                    Remember(key, next);
                }
            }
        }
        catch (KubernetesApiException e)
        {
            // Events are advice to humans; failing to publish one must not fail the reconcile that reported it.
            logger.LogWarning(e, "Could not record event {Reason} for {Kind} {Namespace}/{Name}", reason, involved.Kind, @namespace, involved.Metadata.Name);
        }
    }

    /// <summary>"&lt;object name&gt;.&lt;hash of object uid, type, reason, message&gt;", as deterministic as the content.</summary>
    public static string EventName(IKubernetesObject<V1ObjectMeta> involved, EventSeverity severity, string reason, string message)
    {
        ArgumentNullException.ThrowIfNull(involved);
        var identity = string.Join('\n', involved.Metadata.Uid ?? involved.Metadata.Name, involved.Kind, severity, reason, message);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)))[..16];
        var prefix = involved.Metadata.Name.Length > 200 ? involved.Metadata.Name[..200] : involved.Metadata.Name;
        return $"{prefix}.{hash}";
    }

    private static string Timestamp(DateTime time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private void Remember(string key, int count)
    {
        if (counts.Count >= RememberedEvents)
        {
            counts.Clear();
        }

        counts[key] = count;
    }

    private async Task<bool> TryRaiseCountAsync(string name, string @namespace, int count, CancellationToken cancellationToken)
    {
        var patch = new JsonObject
        {
            ["count"] = count,
            ["lastTimestamp"] = Timestamp(DateTime.UtcNow),
        };
        try
        {
            await client.PatchAsync<Corev1Event>(name, @namespace, PatchType.Merge, patch.ToJsonString(), cancellationToken);
            return true;
        }
        catch (KubernetesApiException e) when (e.IsNotFound)
        {
            return false;
        }
    }

    private Corev1Event NewEvent(
        IKubernetesObject<V1ObjectMeta> involved, string @namespace, string name, EventSeverity severity, string reason, string message)
    {
        var now = DateTime.UtcNow;
        return new Corev1Event
        {
            ApiVersion = "v1",
            Kind = "Event",
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = @namespace },
            InvolvedObject = new V1ObjectReference
            {
                ApiVersion = involved.ApiVersion,
                Kind = involved.Kind,
                Name = involved.Metadata.Name,
                NamespaceProperty = involved.Metadata.NamespaceProperty,
                Uid = involved.Metadata.Uid,
                ResourceVersion = involved.Metadata.ResourceVersion,
            },
            Reason = reason,
            Message = message,
            Type = severity.ToString(),
            Count = 1,
            FirstTimestamp = now,
            LastTimestamp = now,
            Source = new V1EventSource { Component = options.Name },
            ReportingComponent = options.Name,
            ReportingInstance = options.LeaderElection.Identity ?? Environment.MachineName,
        };
    }
}
