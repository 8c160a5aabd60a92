using System.Collections.Concurrent;
using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace KubeStash.LocalCluster.Workloads;

/// <summary>
/// kube's CronJob controller, written as an API client: creates each scheduled Job
/// (<c>&lt;cronjob&gt;-&lt;minutes since epoch&gt;</c>) as <see cref="CronJobPlanner"/> decides, keeps
/// status.active/lastScheduleTime/lastSuccessfulTime, trims finished Jobs to the history limits, and offers
/// <see cref="RunNowAsync"/> for a manual run. Time comes from <see cref="LocalWorkloadsOptions.TimeProvider"/>.
/// </summary>
public sealed class CronJobController : IAsyncDisposable
{
    private readonly IKubernetes _client;
    private readonly LocalWorkloadsOptions _options;
    private readonly ILogger _logger;
    private readonly ObjectInformer<V1CronJob, V1CronJobList> _cronJobs;
    private readonly ObjectInformer<V1Job, V1JobList> _jobs;
    private readonly KeyedWorkQueue _queue;
    private readonly EventRecorder _events;
    private readonly ConcurrentDictionary<string, string> _reported = new(StringComparer.Ordinal);
    private readonly ControllerLoop _loop;

    public CronJobController(IKubernetes client, LocalWorkloadsOptions options)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        _client = client;
        _options = options;
        _logger = options.LoggerFactory.CreateLogger<CronJobController>();
        _queue = new KeyedWorkQueue("cronjob-controller", ReconcileAsync, options.TimeProvider, _logger);
        _events = new EventRecorder(client, "cronjob-controller", null, options.TimeProvider, _logger);
        _cronJobs = new ObjectInformer<V1CronJob, V1CronJobList>(
            "cronjobs",
            ct => client.BatchV1.ListCronJobForAllNamespacesAsync(cancellationToken: ct),
            (rv, onError, ct) => client.BatchV1.WatchListCronJobForAllNamespacesAsync(allowWatchBookmarks: true, resourceVersion: rv, onError: onError, cancellationToken: ct),
            OnCronJobChanged,
            options.ResyncPeriod,
            _logger);
        _jobs = new ObjectInformer<V1Job, V1JobList>(
            "jobs",
            ct => client.BatchV1.ListJobForAllNamespacesAsync(cancellationToken: ct),
            (rv, onError, ct) => client.BatchV1.WatchListJobForAllNamespacesAsync(allowWatchBookmarks: true, resourceVersion: rv, onError: onError, cancellationToken: ct),
            OnJobChanged,
            options.ResyncPeriod,
            _logger);
        _loop = new ControllerLoop("CronJob controller", _queue, _events, _logger, _jobs, _cronJobs);
    }

    public Task StartAsync(CancellationToken cancellationToken) => _loop.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => _loop.StopAsync(cancellationToken);

    public ValueTask DisposeAsync() => _loop.DisposeAsync();

    /// <summary>
    /// Creates a Job from the CronJob's template now, as <c>kubectl create job --from=cronjob/NAME</c> does: annotated
    /// <c>cronjob.kubernetes.io/instantiate: manual</c> and owned by the CronJob. Works for suspended CronJobs too.
    /// </summary>
    public async Task<V1Job> RunNowAsync(string @namespace, string name, string? jobName = null, CancellationToken cancellationToken = default)
    {
        var cronJob = await _client.BatchV1.ReadNamespacedCronJobAsync(name, @namespace, cancellationToken: cancellationToken);
        var timeZone = TimeZoneOf(cronJob);
        var job = await _client.BatchV1.CreateNamespacedJobAsync(CronJobJobTemplate.Build(cronJob, null, timeZone, jobName), @namespace, cancellationToken: cancellationToken);
        _logger.LogInformation("CronJob {Namespace}/{CronJob}: created Job {Job} manually", @namespace, name, job.Name());
        _events.Normal(cronJob, "SuccessfulCreate", $"Created job {job.Name()}");
        return job;
    }

    private void OnCronJobChanged(WatchEventType type, V1CronJob cronJob)
    {
        if (type == WatchEventType.Deleted)
        {
            _reported.TryRemove(cronJob.Uid(), out _);
            _ = DeleteJobsOfAsync(cronJob);
            return;
        }

        _queue.Add(ObjectInformer<V1CronJob, V1CronJobList>.Key(cronJob.Namespace(), cronJob.Name()));
    }

    private void OnJobChanged(WatchEventType type, V1Job job)
    {
        var owner = job.Metadata?.OwnerReferences?.FirstOrDefault(o => o.Controller == true && o.Kind == "CronJob");
        if (owner is not null)
        {
            _queue.Add(ObjectInformer<V1CronJob, V1CronJobList>.Key(job.Namespace(), owner.Name));
        }
    }

    private async Task ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        var separator = key.IndexOf('/', StringComparison.Ordinal);
        var cronJob = _cronJobs.Get(key[..separator], key[(separator + 1)..]);
        if (cronJob is null || cronJob.Metadata.DeletionTimestamp is not null)
        {
            return;
        }

        var ns = cronJob.Namespace() ?? "default";
        var owned = _jobs.Objects.Where(j => j.Namespace() == ns && CronJobJobTemplate.IsOwnedBy(j, cronJob)).ToList();
        var active = owned.Where(j => !JobState.IsFinished(j) && j.Metadata.DeletionTimestamp is null).ToList();
        var now = _options.TimeProvider.GetUtcNow();
        var status = cronJob.Status is null ? new V1CronJobStatus() : KubernetesJson.Deserialize<V1CronJobStatus>(KubernetesJson.Serialize(cronJob.Status));
        foreach (var complete in owned.Where(j => JobState.FinishedCondition(j) == JobState.Complete))
        {
            if (JobState.FinishedAt(complete) is { } finished && (status.LastSuccessfulTime is null || finished.UtcDateTime > status.LastSuccessfulTime))
            {
                status.LastSuccessfulTime = finished.UtcDateTime;
            }
        }

        CronJobPlan? plan = null;
        try
        {
            plan = CronJobPlanner.Plan(cronJob, active, now);
        }
        catch (FormatException e)
        {
            ReportOnce(cronJob, "InvalidSchedule", e.Message, warning: true);
        }

        if (plan is { SkipReason: { } skip, ScheduledTime: null })
        {
            var (reason, warning) = skip.StartsWith("missed", StringComparison.Ordinal) ? ("MissSchedule", true)
                : skip.StartsWith("concurrencyPolicy", StringComparison.Ordinal) ? ("JobAlreadyActive", false)
                : (null, false);
            ReportOnce(cronJob, reason, skip, warning);
        }

        if (plan?.ScheduledTime is { } scheduled)
        {
            foreach (var replaced in plan.JobsToReplace)
            {
                _logger.LogInformation("CronJob {Namespace}/{CronJob}: concurrencyPolicy Replace deletes Job {Job}", ns, cronJob.Name(), replaced.Name());
                await IgnoreNotFound(_client.BatchV1.DeleteNamespacedJobAsync(replaced.Name(), ns, propagationPolicy: "Background", cancellationToken: cancellationToken));
                active.Remove(replaced);
                _events.Normal(cronJob, "SuccessfulDelete", $"Deleted job {replaced.Name()}");
            }

            var job = CronJobJobTemplate.Build(cronJob, scheduled, TimeZoneOf(cronJob));
            try
            {
                var created = await _client.BatchV1.CreateNamespacedJobAsync(job, ns, cancellationToken: cancellationToken);
                _jobs.Remember(created);
                active.Add(created);
                _logger.LogInformation("CronJob {Namespace}/{CronJob}: created Job {Job} for {Scheduled:O}", ns, cronJob.Name(), created.Name(), scheduled);
                _events.Normal(cronJob, "SuccessfulCreate", $"Created job {created.Name()}");
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
            {
                // Created by an earlier sync whose status write was lost; the slot is taken either way.
                _logger.LogDebug("CronJob {Namespace}/{CronJob}: Job {Job} already exists", ns, cronJob.Name(), job.Name());
            }

            status.LastScheduleTime = scheduled.UtcDateTime;
        }

        var finishedOwned = owned.Where(JobState.IsFinished);
        foreach (var old in JobHistory.SelectForDeletion(finishedOwned, cronJob.Spec.SuccessfulJobsHistoryLimit, cronJob.Spec.FailedJobsHistoryLimit))
        {
            _logger.LogInformation("CronJob {Namespace}/{CronJob}: deleting old finished Job {Job}", ns, cronJob.Name(), old.Name());
            await IgnoreNotFound(_client.BatchV1.DeleteNamespacedJobAsync(old.Name(), ns, propagationPolicy: "Background", cancellationToken: cancellationToken));
            _jobs.Forget(old);
            _events.Normal(cronJob, "SuccessfulDelete", $"Deleted job {old.Name()}");
        }

        status.Active = active.Count == 0
            ? null
            : [.. active.OrderBy(j => j.Name(), StringComparer.Ordinal).Select(j => new V1ObjectReference
            {
                ApiVersion = "batch/v1",
                Kind = "Job",
                Name = j.Name(),
                NamespaceProperty = ns,
                Uid = j.Uid(),
            })];

        if (KubernetesJson.Serialize(status) != KubernetesJson.Serialize(cronJob.Status ?? new V1CronJobStatus()))
        {
            var changed = KubernetesJson.Deserialize<V1CronJob>(KubernetesJson.Serialize(cronJob));
            changed.Status = status;
            try
            {
                _cronJobs.Remember(await _client.BatchV1.ReplaceNamespacedCronJobStatusAsync(changed, cronJob.Name(), ns, cancellationToken: cancellationToken));
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
            {
                _queue.AddAfter(key, TimeSpan.FromMilliseconds(50));
                return;
            }
        }

        if (plan?.NextWake is { } next)
        {
            _queue.AddAfter(key, next - now + TimeSpan.FromMilliseconds(10));
        }
    }

    /// <summary>Logs (and records as an Event when it has a reason) why a CronJob did not run, once per distinct message.</summary>
    private void ReportOnce(V1CronJob cronJob, string? reason, string message, bool warning)
    {
        if (_reported.TryGetValue(cronJob.Uid(), out var last) && last == message)
        {
            return;
        }

        _reported[cronJob.Uid()] = message;
        _logger.Log(warning ? LogLevel.Warning : LogLevel.Information, "CronJob {Namespace}/{CronJob}: {Message}", cronJob.Namespace(), cronJob.Name(), message);
        if (reason is not null)
        {
            if (warning)
            {
                _events.Warning(cronJob, reason, message);
            }
            else
            {
                _events.Normal(cronJob, reason, message);
            }
        }
    }

    private static TimeZoneInfo TimeZoneOf(V1CronJob cronJob)
    {
        try
        {
            return CronSchedule.Parse(cronJob.Spec?.Schedule ?? string.Empty, cronJob.Spec?.TimeZone).TimeZone;
        }
        catch (FormatException)
        {
            return TimeZoneInfo.Utc;
        }
    }

    private async Task DeleteJobsOfAsync(V1CronJob cronJob)
    {
        foreach (var job in _jobs.Objects.Where(j => j.Namespace() == cronJob.Namespace() && CronJobJobTemplate.IsOwnedBy(j, cronJob)).ToList())
        {
            try
            {
                await IgnoreNotFound(_client.BatchV1.DeleteNamespacedJobAsync(job.Name(), job.Namespace(), propagationPolicy: "Background"));
            }
            catch (Exception e)
            {
                _logger.LogDebug(e, "Deleting Job {Namespace}/{Job} of deleted CronJob {CronJob} failed", job.Namespace(), job.Name(), cronJob.Name());
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
