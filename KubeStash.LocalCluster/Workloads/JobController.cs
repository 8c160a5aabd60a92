using System.Collections.Concurrent;
using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace KubeStash.LocalCluster.Workloads;

/// <summary>
/// kube's Job controller for non-indexed Jobs, written as an API client: watches Jobs and their Pods, creates pods
/// from the template (generateName <c>&lt;job&gt;-</c>, job-name and controller-uid labels, controller owner
/// reference), and keeps the Job's status (startTime, active, ready, succeeded, failed, completionTime, conditions)
/// as <see cref="JobSyncPlanner"/> decides. Deleting a Job deletes its pods, as the garbage collector would.
/// </summary>
public sealed class JobController : IAsyncDisposable
{
    private readonly IKubernetes _client;
    private readonly LocalWorkloadsOptions _options;
    private readonly ILogger _logger;
    private readonly ObjectInformer<V1Job, V1JobList> _jobs;
    private readonly ObjectInformer<V1Pod, V1PodList> _pods;
    private readonly KeyedWorkQueue _queue;
    private readonly EventRecorder _events;

    // Pods created but not yet seen by the pod watch, per Job UID; counting them keeps a reconcile from creating twins.
    // An expectation the watch never meets (the pod was deleted before it was seen) lapses, as in kube, after a while.
    private static readonly TimeSpan ExpectationTimeout = TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, (V1Pod Pod, DateTimeOffset CreatedAt)>> _expectedPods = new(StringComparer.Ordinal);
    private readonly ControllerLoop _loop;

    public JobController(IKubernetes client, LocalWorkloadsOptions options)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        _client = client;
        _options = options;
        _logger = options.LoggerFactory.CreateLogger<JobController>();
        _queue = new KeyedWorkQueue("job-controller", ReconcileAsync, options.TimeProvider, _logger);
        _events = new EventRecorder(client, "job-controller", null, options.TimeProvider, _logger);
        _jobs = new ObjectInformer<V1Job, V1JobList>(
            "jobs",
            ct => client.BatchV1.ListJobForAllNamespacesAsync(cancellationToken: ct),
            (rv, onError, ct) => client.BatchV1.WatchListJobForAllNamespacesAsync(allowWatchBookmarks: true, resourceVersion: rv, onError: onError, cancellationToken: ct),
            OnJobChanged,
            options.ResyncPeriod,
            _logger);
        _pods = new ObjectInformer<V1Pod, V1PodList>(
            "pods",
            ct => client.CoreV1.ListPodForAllNamespacesAsync(cancellationToken: ct),
            (rv, onError, ct) => client.CoreV1.WatchListPodForAllNamespacesAsync(allowWatchBookmarks: true, resourceVersion: rv, onError: onError, cancellationToken: ct),
            OnPodChanged,
            options.ResyncPeriod,
            _logger);
        _loop = new ControllerLoop("Job controller", _queue, _events, _logger, _pods, _jobs);
    }

    public Task StartAsync(CancellationToken cancellationToken) => _loop.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => _loop.StopAsync(cancellationToken);

    public ValueTask DisposeAsync() => _loop.DisposeAsync();

    private void OnJobChanged(WatchEventType type, V1Job job)
    {
        if (type == WatchEventType.Deleted)
        {
            _expectedPods.TryRemove(job.Uid(), out _);
            _ = DeletePodsOfAsync(job);
            return;
        }

        _queue.Add(ObjectInformer<V1Job, V1JobList>.Key(job.Namespace(), job.Name()));
    }

    private void OnPodChanged(WatchEventType type, V1Pod pod)
    {
        var owner = pod.Metadata?.OwnerReferences?.FirstOrDefault(o => o.Controller == true && o.Kind == "Job");
        if (owner is null)
        {
            return;
        }

        if (_expectedPods.TryGetValue(owner.Uid, out var expected))
        {
            expected.TryRemove(pod.Name(), out _);
        }

        _queue.Add(ObjectInformer<V1Job, V1JobList>.Key(pod.Namespace(), owner.Name));
    }

    private async Task ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        var separator = key.IndexOf('/', StringComparison.Ordinal);
        var job = _jobs.Get(key[..separator], key[(separator + 1)..]);
        if (job is null || job.Metadata.DeletionTimestamp is not null)
        {
            return;
        }

        var ns = job.Namespace() ?? "default";
        var pods = _pods.Objects.Where(p => p.Namespace() == ns && JobPodTemplate.IsOwnedBy(p, job)).ToList();
        var now = _options.TimeProvider.GetUtcNow();
        if (_expectedPods.TryGetValue(job.Uid(), out var expected))
        {
            foreach (var (name, (pod, createdAt)) in expected)
            {
                if (now - createdAt > ExpectationTimeout)
                {
                    expected.TryRemove(name, out _);
                }
                else if (pods.All(p => p.Name() != name))
                {
                    pods.Add(pod);
                }
            }
        }

        var plan = JobSyncPlanner.Plan(job, pods, now, _options.RetryBackoff);
        if (plan.DeleteJob)
        {
            _logger.LogInformation("Job {Namespace}/{Job} finished more than ttlSecondsAfterFinished ago; deleting it", ns, job.Name());
            await IgnoreNotFound(_client.BatchV1.DeleteNamespacedJobAsync(job.Name(), ns, propagationPolicy: "Background", cancellationToken: cancellationToken));
            await DeletePodsOfAsync(job);
            return;
        }

        foreach (var pod in plan.PodsToDelete)
        {
            _logger.LogInformation("Job {Namespace}/{Job}: deleting pod {Pod}", ns, job.Name(), pod.Name());
            await IgnoreNotFound(_client.CoreV1.DeleteNamespacedPodAsync(pod.Name(), ns, cancellationToken: cancellationToken));
            expected?.TryRemove(pod.Name(), out _);
            _events.Normal(job, "SuccessfulDelete", $"Deleted pod: {pod.Name()}");
        }

        for (var i = 0; i < plan.PodsToCreate; i++)
        {
            var created = await _client.CoreV1.CreateNamespacedPodAsync(JobPodTemplate.Build(job), ns, cancellationToken: cancellationToken);
            _expectedPods.GetOrAdd(job.Uid(), _ => new ConcurrentDictionary<string, (V1Pod, DateTimeOffset)>(StringComparer.Ordinal))[created.Name()] = (created, now);
            _logger.LogInformation("Job {Namespace}/{Job}: created pod {Pod}", ns, job.Name(), created.Name());
            _events.Normal(job, "SuccessfulCreate", $"Created pod: {created.Name()}");
        }

        if (KubernetesJson.Serialize(plan.Status) != KubernetesJson.Serialize(job.Status ?? new V1JobStatus()))
        {
            var previous = JobState.FinishedCondition(job);
            var changed = KubernetesJson.Deserialize<V1Job>(KubernetesJson.Serialize(job));
            changed.Status = plan.Status;
            try
            {
                var updated = await _client.BatchV1.ReplaceNamespacedJobStatusAsync(changed, job.Name(), ns, cancellationToken: cancellationToken);
                _jobs.Remember(updated);
                if (previous is null && JobState.FinishedCondition(updated) is { } finished)
                {
                    var condition = plan.Status.Conditions.First(c => c.Type == finished);
                    _logger.LogInformation("Job {Namespace}/{Job} {Condition}: {Reason} {Message}", ns, job.Name(), finished, condition.Reason, condition.Message);
                    if (finished == JobState.Complete)
                    {
                        _events.Normal(updated, "Completed", "Job completed");
                    }
                    else
                    {
                        _events.Warning(updated, condition.Reason ?? JobState.Failed, condition.Message ?? "Job failed");
                    }
                }

                var wasSuspended = job.Status?.Conditions?.Any(c => c.Type == JobState.Suspended && c.Status == "True") == true;
                var isSuspended = plan.Status.Conditions.Any(c => c.Type == JobState.Suspended && c.Status == "True");
                if (wasSuspended != isSuspended)
                {
                    _events.Normal(updated, isSuspended ? "Suspended" : "Resumed", isSuspended ? "Job suspended" : "Job resumed");
                }
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
            {
                // Acted on an older copy; the watch brings the newer one, and this key runs again with it.
                _queue.AddAfter(key, TimeSpan.FromMilliseconds(50));
                return;
            }
        }

        if (plan.RequeueAt is { } at)
        {
            _queue.AddAfter(key, at - now + TimeSpan.FromMilliseconds(10));
        }
    }

    private async Task DeletePodsOfAsync(V1Job job)
    {
        foreach (var pod in _pods.Objects.Where(p => p.Namespace() == job.Namespace() && JobPodTemplate.IsOwnedBy(p, job)).ToList())
        {
            try
            {
                await IgnoreNotFound(_client.CoreV1.DeleteNamespacedPodAsync(pod.Name(), pod.Namespace()));
            }
            catch (Exception e)
            {
                _logger.LogDebug(e, "Deleting pod {Namespace}/{Pod} of deleted Job {Job} failed", pod.Namespace(), pod.Name(), job.Name());
            }
        }
    }

    private static async Task IgnoreNotFound<T>(Task<T> call)
    {
        try
        {
            await call;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
        }
    }
}
