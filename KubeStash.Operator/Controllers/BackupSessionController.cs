using System.Globalization;
using k8s;
using k8s.Models;
using KubeStash.Entities.Addons;
using KubeStash.Entities.Common;
using KubeStash.Entities.Core;
using KubeStash.Entities.Storage;
using KubeStash.Operator.Backup;
using KubeStash.Operator.Builders;
using KubeStash.Operator.Runtime.Client;
using KubeStash.Operator.Runtime.Controllers;
using KubeStash.Operator.Runtime.Rbac;
using KubeStash.Operator.Runtime.Watching;

namespace KubeStash.Operator.Controllers;

/// <summary>
/// Seed steps 10–13 and 15: labels a BackupSession with its invoker, creates one Snapshot per repository of the session,
/// resolves the Addon task to its Function and creates the backup Job, then rolls the Job and the Snapshots up into the
/// session's phase. A second session of the same invoker and session is skipped while one runs; finished sessions beyond
/// sessionHistoryLimit are deleted and the backends' RetentionPolicies are applied. A failed session with
/// <c>spec.retryLeft</c> &gt; 0 is retried as KubeStash does it: after <c>retryConfig.delay</c> (its
/// <c>status.nextRetry</c>) a new BackupSession of the same invoker and session is created with one retry fewer.
/// </summary>
[EntityRbac(typeof(BackupSession), Verbs = RbacVerbs.All)]
[GenericRbac(Groups = ["core.kubestash.com"], Resources = ["backupsessions/status"], Verbs = RbacVerbs.Get | RbacVerbs.Update | RbacVerbs.Patch)]
[EntityRbac(typeof(Snapshot), Verbs = RbacVerbs.All)]
public sealed class BackupSessionController(
    IEntityClient client,
    CachedEntityReader reader,
    StatusWriter statusWriter,
    BackupOperatorSettings settings,
    RetentionPolicyApplier retention,
    TimeProvider clock,
    ILogger<BackupSessionController> logger) : IEntityController<BackupSession>
{
    public const string SnapshotsEnsured = "SnapshotsEnsured";
    public const string BackupJobCreated = "BackupJobCreated";
    public const string BackupFinished = "BackupFinished";
    public const string DefaultHistoryLimit = "1";

    /// <summary>The component the kubedump addon's backup reports in a Snapshot.</summary>
    public const string ManifestComponent = "manifest";

    public async Task<ReconcileResult> ReconcileAsync(BackupSession entity, CancellationToken cancellationToken)
    {
        if (entity.Status.Phase is BackupSessionPhase.Failed)
        {
            return await RetryAsync(entity, cancellationToken);
        }

        if (entity.Status.Phase is BackupSessionPhase.Succeeded or BackupSessionPhase.Skipped)
        {
            return ReconcileResult.Success();
        }

        var ns = entity.Metadata.NamespaceProperty;
        var generation = entity.Metadata.Generation;
        if (entity.Spec.Invoker is not { Kind: BackupSessionTrigger.BackupConfigurationKind, Name.Length: > 0 } invoker || string.IsNullOrEmpty(entity.Spec.Session))
        {
            await FinishAsync(entity, BackupSessionPhase.Failed, "InvalidSpec", "spec.invoker must name a BackupConfiguration and spec.session a session of it", cancellationToken);
            return ReconcileResult.Success();
        }

        var config = await reader.GetAsync<BackupConfiguration>(invoker.Name, ns, cancellationToken);
        var session = config?.Spec.Sessions?.FirstOrDefault(s => s.Name == entity.Spec.Session);
        if (config is null || session is null)
        {
            await FinishAsync(entity, BackupSessionPhase.Failed, "InvokerNotFound",
                config is null ? $"BackupConfiguration {ns}/{invoker.Name} does not exist" : $"BackupConfiguration {ns}/{invoker.Name} has no session \"{entity.Spec.Session}\"", cancellationToken);
            return ReconcileResult.Success();
        }

        if (await EnsureLabelsAsync(entity, config, cancellationToken))
        {
            return ReconcileResult.Success();
        }

        if (entity.Status.Phase is null && await AnotherSessionRunsAsync(entity, cancellationToken) is { } running)
        {
            await FinishAsync(entity, BackupSessionPhase.Skipped, "AnotherSessionRunning", $"BackupSession {running} of the same invoker and session is still running", cancellationToken);
            return ReconcileResult.Success();
        }

        if (config.Status.Phase != BackupInvokerPhase.Ready)
        {
            await statusWriter.UpdateStatusAsync(entity, s =>
            {
                s.Status.Phase = BackupSessionPhase.Pending;
                s.Status.Conditions = Conditions.Set(s.Status.Conditions, SnapshotsEnsured, false, "InvokerNotReady", $"BackupConfiguration {ns}/{config.Metadata.Name} is not Ready", generation, clock);
            }, cancellationToken);
            return ReconcileResult.Success(settings.SessionPollInterval);
        }

        var snapshots = new List<Snapshot>();
        foreach (var repository in session.Repositories ?? [])
        {
            snapshots.Add(await EnsureSnapshotAsync(entity, config, session, repository, cancellationToken));
        }

        var job = await reader.GetAsync<V1Job>(BackupJobBuilder.JobName(entity), ns, cancellationToken);
        if (job is null)
        {
            var built = await BuildJobAsync(entity, config, session, cancellationToken);
            if (built.Job is null)
            {
                await FailUnfinishedSnapshotsAsync(snapshots, built.Problem!, cancellationToken);
                var failed = await FinishAsync(entity, BackupSessionPhase.Failed, "AddonNotResolved", built.Problem!, cancellationToken, session.RetryConfig);
                return failed.Status.NextRetry is { } next ? ReconcileResult.Success(Until(next)) : ReconcileResult.Success();
            }

            job = await CreateOrGetAsync(built.Job, cancellationToken);
        }

        var now = clock.GetUtcNow().UtcDateTime.TruncateToSeconds();
        var snapshotStatuses = snapshots.Select(s => new SessionSnapshotStatus
        {
            Name = s.Metadata.Name,
            Phase = s.Status.Phase ?? SnapshotPhase.Pending,
            AppRef = s.Spec.AppRef,
            Repository = s.Spec.Repository,
        }).ToList();
        var jobFailed = job.Status?.Conditions?.FirstOrDefault(c => c.Type == "Failed" && c.Status == "True");
        var jobComplete = job.Status?.Conditions?.Any(c => c.Type == "Complete" && c.Status == "True") == true;
        var failedSnapshot = snapshots.FirstOrDefault(s => s.Status.Phase == SnapshotPhase.Failed);
        var allSucceeded = snapshots.Count > 0 && snapshots.All(s => s.Status.Phase == SnapshotPhase.Succeeded);
        (BackupSessionPhase Phase, string Reason, string Message)? outcome =
            failedSnapshot is not null ? (BackupSessionPhase.Failed, "SnapshotFailed", $"Snapshot {failedSnapshot.Metadata.Name} failed: {ComponentErrors(failedSnapshot)}")
            : jobFailed is not null ? (BackupSessionPhase.Failed, "BackupJobFailed", $"backup Job {job.Metadata.Name} failed: {jobFailed.Reason} {jobFailed.Message}".Trim())
            : allSucceeded && jobComplete ? (BackupSessionPhase.Succeeded, "BackupSucceeded", $"{snapshots.Count} snapshot(s) succeeded")
            : jobComplete && snapshots.Any(s => s.Status.Phase is null or SnapshotPhase.Pending or SnapshotPhase.Running)
                && job.Status?.CompletionTime is { } completed && now - completed > TimeSpan.FromSeconds(30)
                ? (BackupSessionPhase.Failed, "SnapshotNotReported", $"backup Job {job.Metadata.Name} completed but not every Snapshot reported Succeeded")
            : null;

        await statusWriter.UpdateStatusAsync(entity, s =>
        {
            s.Status.Phase = BackupSessionPhase.Running;
            s.Status.TotalSnapshots = snapshots.Count;
            s.Status.Snapshots = snapshotStatuses;
            if (s.Status.BackupDeadline is null && session.BackupTimeout is { Length: > 0 } timeout && KubeStashDuration.TryParse(timeout, out var limit))
            {
                s.Status.BackupDeadline = (entity.Metadata.CreationTimestamp ?? now).ToUniversalTime().TruncateToSeconds() + limit;
            }

            s.Status.Conditions = Conditions.Set(s.Status.Conditions, SnapshotsEnsured, true, "SnapshotsEnsured", $"{snapshots.Count} Snapshot(s) in place", generation, clock);
            s.Status.Conditions = Conditions.Set(s.Status.Conditions, BackupJobCreated, true, "BackupJobCreated", $"Job {job.Metadata.Name} created", generation, clock);
        }, cancellationToken);

        if (outcome is { } done)
        {
            // While the Job still runs, its Dumper may yet report the other Snapshots; once it is over, nobody will.
            if (done.Phase == BackupSessionPhase.Failed && (jobFailed is not null || jobComplete))
            {
                await FailUnfinishedSnapshotsAsync(snapshots, done.Message, cancellationToken);
            }

            var finished = await FinishAsync(entity, done.Phase, done.Reason, done.Message, cancellationToken, session.RetryConfig);
            await retention.ApplyAsync(finished, config, session, cancellationToken);
            await TrimHistoryAsync(finished, session, cancellationToken);
            return finished.Status.NextRetry is { } next ? ReconcileResult.Success(Until(next)) : ReconcileResult.Success();
        }

        return ReconcileResult.Success(settings.SessionPollInterval);
    }

    public Task DeletedAsync(BackupSession entity, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// A session that ends Failed before its Snapshots reported (the Job failed or ran out of time, or could not be built)
    /// leaves no Snapshot Pending or Running: every unfinished component (the addon's <c>manifest</c> when none reported)
    /// is marked Failed with the session's reason. Re-read on conflict, so a component that finished meanwhile is kept.
    /// </summary>
    private async Task FailUnfinishedSnapshotsAsync(List<Snapshot> snapshots, string error, CancellationToken cancellationToken)
    {
        foreach (var snapshot in snapshots.Where(s => s.Status.Phase is not (SnapshotPhase.Succeeded or SnapshotPhase.Failed)))
        {
            await statusWriter.UpdateStatusAsync(snapshot, s =>
            {
                var components = s.Status.Components ?? new Dictionary<string, Component>();
                var unfinished = components.Where(c => c.Value.Phase is not (ComponentPhase.Succeeded or ComponentPhase.Failed)).Select(c => c.Key).ToList();
                if (components.Count == 0)
                {
                    unfinished.Add(ManifestComponent);
                }

                foreach (var name in unfinished)
                {
                    var component = components.TryGetValue(name, out var reported) && reported is not null ? reported : new Component();
                    component.Phase = ComponentPhase.Failed;
                    component.Error = error;
                    // A progress report's size counted YAML that no commit kept.
                    component.Size = null;
                    components[name] = component;
                }

                s.Status.Components = components;
            }, cancellationToken);
        }
    }

    private static string ComponentErrors(Snapshot snapshot)
        => string.Join("; ", (snapshot.Status.Components ?? new Dictionary<string, Component>()).Where(c => !string.IsNullOrEmpty(c.Value.Error)).Select(c => $"{c.Key}: {c.Value.Error}")) is { Length: > 0 } e ? e : "no error reported";

    private async Task<bool> EnsureLabelsAsync(BackupSession entity, BackupConfiguration config, CancellationToken cancellationToken)
    {
        var wanted = new Dictionary<string, string>
        {
            [KubeStashLabels.InvokerKind] = BackupSessionTrigger.BackupConfigurationKind,
            [KubeStashLabels.InvokerName] = config.Metadata.Name,
            [KubeStashLabels.InvokerNamespace] = config.Metadata.NamespaceProperty,
            [KubeStashLabels.SessionName] = entity.Spec.Session!,
        };
        var labels = entity.Metadata.Labels ?? new Dictionary<string, string>();
        if (wanted.All(w => labels.TryGetValue(w.Key, out var v) && v == w.Value))
        {
            return false;
        }

        foreach (var (key, value) in wanted)
        {
            labels[key] = value;
        }

        entity.Metadata.Labels = labels;
        await client.ReplaceAsync(entity, cancellationToken);
        return true;
    }

    private static Dictionary<string, string> InvokerSelector(BackupSession entity) => new()
    {
        [KubeStashLabels.InvokerKind] = BackupSessionTrigger.BackupConfigurationKind,
        [KubeStashLabels.InvokerName] = entity.Spec.Invoker!.Name,
        [KubeStashLabels.SessionName] = entity.Spec.Session!,
    };

    /// <summary>
    /// The unfinished session of the same invoker and session that goes first, if it is not this one: a running one, else
    /// the oldest not yet started (creation time, then name), so two sessions created at once never both run.
    /// </summary>
    private async Task<string?> AnotherSessionRunsAsync(BackupSession entity, CancellationToken cancellationToken)
    {
        var siblings = await reader.ListAsync<BackupSession>(entity.Metadata.NamespaceProperty, InvokerSelector(entity), cancellationToken);
        var running = siblings.FirstOrDefault(s => s.Metadata.Name != entity.Metadata.Name && s.Status.Phase is BackupSessionPhase.Running or BackupSessionPhase.Pending);
        if (running is not null)
        {
            return running.Metadata.Name;
        }

        var first = siblings
            .Where(s => s.Status.Phase is null && s.Metadata.DeletionTimestamp is null)
            .Append(entity)
            .OrderBy(s => s.Metadata.CreationTimestamp ?? DateTime.MaxValue)
            .ThenBy(s => s.Metadata.Name, StringComparer.Ordinal)
            .First();
        return first.Metadata.Name == entity.Metadata.Name ? null : first.Metadata.Name;
    }

    private async Task<Snapshot> EnsureSnapshotAsync(BackupSession entity, BackupConfiguration config, Session session, Entities.Core.RepositoryInfo repository, CancellationToken cancellationToken)
    {
        var ns = entity.Metadata.NamespaceProperty;
        var name = ObjectNames.Snapshot(repository.Name!, config.Metadata.Name, session.Name!, SessionUnixTime(entity));
        // From the API server, not the cache: the Job reports into the Snapshot just before it completes, and the Job's
        // completion (which reconciles this session) may arrive on its own watch ahead of the Snapshot's update.
        var existing = await client.GetAsync<Snapshot>(name, ns, cancellationToken);
        if (existing is not null)
        {
            return existing;
        }

        var repo = await reader.GetAsync<Repository>(repository.Name!, ns, cancellationToken)
            ?? throw new InvalidOperationException($"Repository {ns}/{repository.Name} of session {session.Name} does not exist yet");
        var labels = new Dictionary<string, string>
        {
            [KubeStashLabels.RepoName] = repository.Name!,
            [KubeStashLabels.InvokerKind] = BackupSessionTrigger.BackupConfigurationKind,
            [KubeStashLabels.InvokerName] = config.Metadata.Name,
            [KubeStashLabels.InvokerNamespace] = ns,
            [KubeStashLabels.SessionName] = session.Name!,
        };
        if (config.Spec.Target is { } target)
        {
            labels[KubeStashLabels.AppRefKind] = target.Kind ?? string.Empty;
            labels[KubeStashLabels.AppRefName] = target.Name;
            labels[KubeStashLabels.AppRefNamespace] = target.Kind == "Namespace" ? target.Name : string.IsNullOrEmpty(target.Namespace) ? ns : target.Namespace;
        }

        var snapshot = new Snapshot
        {
            ApiVersion = "storage.kubestash.com/v1alpha1",
            Kind = "Snapshot",
            Metadata = new V1ObjectMeta
            {
                Name = name,
                NamespaceProperty = ns,
                Labels = labels,
                // Owned by the Repository, not the session: trimming session history must not delete backups.
                OwnerReferences = [Owner.Of(repo, "storage.kubestash.com/v1alpha1", "Repository")],
            },
            Spec = new SnapshotSpec
            {
                Type = BackupType.FullBackup,
                Repository = repository.Name,
                Session = session.Name,
                BackupSession = entity.Metadata.Name,
                Version = "v1",
                AppRef = config.Spec.Target,
                DeletionPolicy = repository.DeletionPolicy == BackupConfigDeletionPolicy.WipeOut ? DeletionPolicy.WipeOut : DeletionPolicy.Delete,
            },
        };
        return await CreateOrGetAsync(snapshot, cancellationToken);
    }

    private static long SessionUnixTime(BackupSession entity)
    {
        var suffix = entity.Metadata.Name[(entity.Metadata.Name.LastIndexOf('-') + 1)..];
        return long.TryParse(suffix, NumberStyles.None, CultureInfo.InvariantCulture, out var unix)
            ? unix
            : new DateTimeOffset((entity.Metadata.CreationTimestamp ?? DateTime.UnixEpoch).ToUniversalTime()).ToUnixTimeSeconds();
    }

    private async Task<(V1Job? Job, string? Problem)> BuildJobAsync(BackupSession entity, BackupConfiguration config, Session session, CancellationToken cancellationToken)
    {
        var addonName = session.Addon?.Name;
        var task = session.Addon?.Tasks?.FirstOrDefault();
        if (string.IsNullOrEmpty(addonName) || task is null)
        {
            return (null, $"session {session.Name}: addon.name and at least one task are required");
        }

        var addon = await reader.GetAsync<Addon>(addonName, null, cancellationToken);
        var addonTask = addon?.Spec.BackupTasks?.FirstOrDefault(t => t.Name == task.Name);
        if (addonTask is null)
        {
            return (null, addon is null ? $"Addon {addonName} not found" : $"Addon {addonName} has no backup task \"{task.Name}\"");
        }

        var function = string.IsNullOrEmpty(addonTask.Function) ? null : await reader.GetAsync<Function>(addonTask.Function, null, cancellationToken);
        if (function is null || string.IsNullOrEmpty(function.Spec.Image))
        {
            return (null, $"Function \"{addonTask.Function}\" of Addon {addonName} task {task.Name} not found or has no image");
        }

        var storages = new List<BackupStorage>();
        foreach (var repositoryInfo in session.Repositories ?? [])
        {
            var repository = await client.GetAsync<Repository>(repositoryInfo.Name!, entity.Metadata.NamespaceProperty, cancellationToken);
            if (repository?.Spec.StorageRef is not { Name.Length: > 0 } storageRef)
            {
                return (null, $"Repository {entity.Metadata.NamespaceProperty}/{repositoryInfo.Name} of session {session.Name} does not exist or has no spec.storageRef");
            }

            var storageNamespace = string.IsNullOrEmpty(storageRef.Namespace) ? entity.Metadata.NamespaceProperty : storageRef.Namespace;
            var storage = await client.GetAsync<BackupStorage>(storageRef.Name, storageNamespace, cancellationToken);
            if (storage is null)
            {
                return (null, $"BackupStorage {storageNamespace}/{storageRef.Name} of Repository {repositoryInfo.Name} does not exist");
            }

            storages.Add(storage);
        }

        try
        {
            return (BackupJobBuilder.Build(config, session, entity, addonTask, task, function, storages), null);
        }
        catch (FormatException e)
        {
            return (null, e.Message);
        }
    }

    private async Task<T> CreateOrGetAsync<T>(T desired, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        try
        {
            return await client.CreateAsync(desired, cancellationToken);
        }
        catch (KubernetesApiException e) when (e.StatusCode == System.Net.HttpStatusCode.Conflict)
        {
            // Created by an earlier reconcile (or a previous operator instance) whose result we did not see: never twice.
            return await client.GetAsync<T>(desired.Metadata.Name, desired.Metadata.NamespaceProperty, cancellationToken)
                   ?? throw new InvalidOperationException($"{desired.Kind} {desired.Metadata.NamespaceProperty}/{desired.Metadata.Name} exists and vanished", e);
        }
    }

    /// <summary>Sets the final phase; a failure with a retryConfig passed (null when retrying cannot help) also gets its nextRetry.</summary>
    private async Task<BackupSession> FinishAsync(
        BackupSession entity, BackupSessionPhase phase, string reason, string message, CancellationToken cancellationToken, RetryConfig? retry = null)
    {
        logger.LogInformation("BackupSession {Namespace}/{Name}: {Phase} ({Reason}): {Message}", entity.Metadata.NamespaceProperty, entity.Metadata.Name, phase, reason, message);
        var now = clock.GetUtcNow().UtcDateTime.TruncateToSeconds();
        DateTime? nextRetry = phase == BackupSessionPhase.Failed && retry is not null && entity.Spec.RetryLeft > 0
            ? NextRetryTime(entity, now, retry)
            : null;
        return await statusWriter.UpdateStatusAsync(entity, s =>
        {
            s.Status.Phase = phase;
            s.Status.NextRetry ??= nextRetry;
            var started = (s.Metadata.CreationTimestamp ?? now).ToUniversalTime();
            s.Status.Duration = FormatDuration(now - started);
            s.Status.Conditions = Conditions.Set(s.Status.Conditions, BackupFinished, phase == BackupSessionPhase.Succeeded, reason, message, s.Metadata.Generation, clock);
        }, cancellationToken);
    }

    /// <summary>
    /// After the delay, and at least one second after this session's own time: retry sessions are named by that second,
    /// so a session that fails within its first second must not get its own name back.
    /// </summary>
    private static DateTime NextRetryTime(BackupSession entity, DateTime now, RetryConfig retry)
    {
        var delay = retry.Delay is { Length: > 0 } text && KubeStashDuration.TryParse(text, out var parsed) ? parsed : TimeSpan.Zero;
        var earliest = DateTime.UnixEpoch.AddSeconds(SessionUnixTime(entity) + 1);
        var next = now + delay;
        return next < earliest ? earliest : next;
    }

    private TimeSpan Until(DateTime time) => (time - clock.GetUtcNow().UtcDateTime) is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(1);

    /// <summary>
    /// A failed session with retries left creates its successor once <c>status.nextRetry</c> has passed. The successor's
    /// name comes from that time, so a retry interrupted between create and status write finds it instead of making another.
    /// </summary>
    private async Task<ReconcileResult> RetryAsync(BackupSession entity, CancellationToken cancellationToken)
    {
        if (entity.Status.Retried == true || entity.Spec.RetryLeft is not > 0 || entity.Status.NextRetry is not { } next || entity.Spec.Invoker is not { } invoker)
        {
            return ReconcileResult.Success();
        }

        if (clock.GetUtcNow().UtcDateTime < next.ToUniversalTime())
        {
            return ReconcileResult.Success(Until(next.ToUniversalTime()));
        }

        var ns = entity.Metadata.NamespaceProperty;
        var name = ObjectNames.BackupSession(invoker.Name, entity.Spec.Session!, new DateTimeOffset(next.ToUniversalTime()).ToUnixTimeSeconds());
        var successor = new BackupSession
        {
            ApiVersion = "core.kubestash.com/v1alpha1",
            Kind = "BackupSession",
            Metadata = new V1ObjectMeta
            {
                Name = name,
                NamespaceProperty = ns,
                Labels = entity.Metadata.Labels is { } labels ? new Dictionary<string, string>(labels) : null,
            },
            Spec = new BackupSessionSpec
            {
                Invoker = invoker,
                Session = entity.Spec.Session,
                BackupTimeout = entity.Spec.BackupTimeout,
                RetryLeft = entity.Spec.RetryLeft - 1,
            },
        };
        await CreateOrGetAsync(successor, cancellationToken);
        logger.LogInformation("BackupSession {Namespace}/{Name} failed; retrying as {Retry} ({RetryLeft} retries left after it)", ns, entity.Metadata.Name, name, successor.Spec.RetryLeft);
        await statusWriter.UpdateStatusAsync(entity, s => s.Status.Retried = true, cancellationToken);
        return ReconcileResult.Success();
    }

    private static string FormatDuration(TimeSpan duration)
    {
        var seconds = Math.Max(0, (long)duration.TotalSeconds);
        return seconds >= 3600 ? $"{seconds / 3600}h{seconds % 3600 / 60}m{seconds % 60}s" : seconds >= 60 ? $"{seconds / 60}m{seconds % 60}s" : $"{seconds}s";
    }

    private static bool RetryPending(BackupSession session)
        => session.Status.Phase == BackupSessionPhase.Failed && session.Spec.RetryLeft > 0 && session.Status.NextRetry is not null && session.Status.Retried != true;

    /// <summary>Keeps at most sessionHistoryLimit finished sessions (default 1) of this invoker and session.</summary>
    private async Task TrimHistoryAsync(BackupSession finished, Session session, CancellationToken cancellationToken)
    {
        var limit = session.SessionHistoryLimit ?? int.Parse(DefaultHistoryLimit, CultureInfo.InvariantCulture);
        var siblings = await reader.ListAsync<BackupSession>(finished.Metadata.NamespaceProperty, InvokerSelector(finished), cancellationToken);
        var done = siblings
            .Where(s => s.Metadata.Name == finished.Metadata.Name || s.Status.Phase is BackupSessionPhase.Succeeded or BackupSessionPhase.Failed or BackupSessionPhase.Skipped)
            .Where(s => !RetryPending(s))
            .OrderByDescending(s => s.Metadata.CreationTimestamp ?? DateTime.MinValue)
            .ThenByDescending(s => s.Metadata.Name, StringComparer.Ordinal)
            .ToList();
        foreach (var old in done.Skip(Math.Max(limit, 1)))
        {
            await client.DeleteAsync<BackupSession>(old.Metadata.Name, old.Metadata.NamespaceProperty, cancellationToken);
        }
    }
}
