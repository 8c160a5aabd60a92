using Cronos;
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
using RepositoryInfo = KubeStash.Entities.Core.RepositoryInfo;

namespace KubeStash.Operator.Controllers;

/// <summary>
/// Seed steps 4–8: validates a BackupConfiguration's references (storages and their usage policies, retention
/// policies, addon and tasks, encryption Secrets, target) and reports each in status; creates one Repository per
/// declared repository and one trigger CronJob per session (with the ServiceAccount, Role and RoleBinding it runs as).
/// </summary>
[EntityRbac(typeof(BackupConfiguration), Verbs = RbacVerbs.Get | RbacVerbs.List | RbacVerbs.Watch | RbacVerbs.Update | RbacVerbs.Patch)]
[GenericRbac(Groups = ["core.kubestash.com"], Resources = ["backupconfigurations/status", "backupconfigurations/finalizers"], Verbs = RbacVerbs.Get | RbacVerbs.Update | RbacVerbs.Patch)]
[EntityRbac(typeof(RetentionPolicy), typeof(Addon), typeof(Function), Verbs = RbacVerbs.Get | RbacVerbs.List | RbacVerbs.Watch)]
[GenericRbac(Groups = ["batch"], Resources = ["cronjobs", "jobs"], Verbs = RbacVerbs.All)]
[GenericRbac(Groups = [""], Resources = ["serviceaccounts"], Verbs = RbacVerbs.All)]
[GenericRbac(Groups = [""], Resources = ["namespaces", "pods"], Verbs = RbacVerbs.Get | RbacVerbs.List | RbacVerbs.Watch)]
[GenericRbac(Groups = ["rbac.authorization.k8s.io"], Resources = ["roles", "rolebindings"], Verbs = RbacVerbs.All)]
[GenericRbac(Groups = ["apps"], Resources = ["deployments", "statefulsets", "daemonsets"], Verbs = RbacVerbs.Get | RbacVerbs.List)]
public sealed class BackupConfigurationController(
    IEntityClient client,
    CachedEntityReader reader,
    StatusWriter statusWriter,
    BackupOperatorSettings settings,
    TimeProvider clock,
    ILogger<BackupConfigurationController> logger) : IEntityController<BackupConfiguration>
{
    public const string ValidationPassed = "ValidationPassed";
    public const string SchedulerEnsured = "SchedulerEnsured";
    public const string RepositoriesReady = "RepositoriesReady";

    private static readonly TimeSpan RecheckInterval = TimeSpan.FromSeconds(3);

    public async Task<ReconcileResult> ReconcileAsync(BackupConfiguration entity, CancellationToken cancellationToken)
    {
        var ns = entity.Metadata.NamespaceProperty;
        var generation = entity.Metadata.Generation;
        var problems = new List<string>();
        var notReady = new List<string>();
        var userNamespace = await reader.GetAsync<V1Namespace>(ns, null, cancellationToken);

        var targetFound = await TargetExistsAsync(entity.Spec.Target, ns, problems, cancellationToken);
        var dependencies = new List<ResourceFoundStatus>();
        var backendStatuses = new List<BackendStatus>();
        var storages = new Dictionary<string, BackupStorage>(StringComparer.Ordinal);
        foreach (var backend in entity.Spec.Backends ?? [])
        {
            var status = new BackendStatus { Name = backend.Name, Ready = false };
            backendStatuses.Add(status);
            var storage = await ResolveStorageAsync(backend, ns, cancellationToken);
            if (storage is null)
            {
                var described = backend.StorageRef is null ? "no storageRef and no default BackupStorage" : $"BackupStorage {RefNamespace(backend.StorageRef, ns)}/{backend.StorageRef.Name} not found";
                status.Storage = new StorageStatus { Ref = backend.StorageRef, Reason = described };
                problems.Add($"backend {backend.Name}: {described}");
                continue;
            }

            storages[backend.Name ?? string.Empty] = storage;
            status.Storage = new StorageStatus
            {
                Ref = new ObjectReference { Name = storage.Metadata.Name, Namespace = storage.Metadata.NamespaceProperty },
                Phase = storage.Status.Phase ?? BackupStoragePhase.NotReady,
            };
            if (!UsagePolicyCheck.Allows(storage.Spec.UsagePolicy, storage.Metadata.NamespaceProperty, userNamespace))
            {
                status.Storage.Reason = $"BackupStorage {StorageKeys.Of(storage)} does not allow usage from namespace {ns} (usagePolicy.allowedNamespaces)";
                problems.Add($"backend {backend.Name}: {status.Storage.Reason}");
                continue;
            }

            if (storage.Status.Phase != BackupStoragePhase.Ready)
            {
                status.Storage.Reason = $"BackupStorage {StorageKeys.Of(storage)} is not Ready";
                notReady.Add($"backend {backend.Name}: {status.Storage.Reason}");
            }

            var retentionOk = true;
            if (backend.RetentionPolicy is { } retentionRef)
            {
                var policyNs = RefNamespace(retentionRef, ns);
                var policy = await reader.GetAsync<RetentionPolicy>(retentionRef.Name, policyNs, cancellationToken);
                var allowed = policy is not null && UsagePolicyCheck.Allows(policy.Spec.UsagePolicy, policyNs, userNamespace);
                status.RetentionPolicy = new RetentionPolicyStatus
                {
                    Ref = retentionRef,
                    Found = policy is not null,
                    Reason = policy is null ? $"RetentionPolicy {policyNs}/{retentionRef.Name} not found"
                        : allowed ? null : $"RetentionPolicy {policyNs}/{retentionRef.Name} does not allow usage from namespace {ns}",
                };
                if (status.RetentionPolicy.Reason is { } reason)
                {
                    retentionOk = false;
                    problems.Add($"backend {backend.Name}: {reason}");
                }
            }

            status.Ready = retentionOk && storage.Status.Phase == BackupStoragePhase.Ready;
        }

        foreach (var session in entity.Spec.Sessions ?? [])
        {
            await CheckAddonAsync(session, dependencies, problems, cancellationToken);
            foreach (var repository in session.Repositories ?? [])
            {
                if (repository.EncryptionSecret is { } secretRef)
                {
                    var secretNs = RefNamespace(secretRef, ns);
                    var found = await reader.GetAsync<V1Secret>(secretRef.Name, secretNs, cancellationToken) is not null;
                    dependencies.Add(new ResourceFoundStatus { ApiGroup = string.Empty, Kind = "Secret", Namespace = secretNs, Name = secretRef.Name, Found = found });
                    if (!found)
                    {
                        problems.Add($"session {session.Name}: repository {repository.Name}: encryptionSecret {secretNs}/{secretRef.Name} not found");
                    }
                }

                if (!storages.ContainsKey(repository.Backend ?? string.Empty) && (entity.Spec.Backends ?? []).All(b => b.Name != repository.Backend))
                {
                    problems.Add($"session {session.Name}: repository {repository.Name}: backend \"{repository.Backend}\" is not declared in spec.backends");
                }
            }
        }

        var valid = problems.Count == 0;
        var validationMessage = valid ? "every reference resolved" : string.Join("; ", problems);
        var repoStatuses = new List<RepoStatus>();
        var schedulerMessage = "not created: validation failed";
        var schedulerOk = false;
        if (valid)
        {
            foreach (var session in entity.Spec.Sessions ?? [])
            {
                foreach (var repository in session.Repositories ?? [])
                {
                    var repo = await EnsureRepositoryAsync(entity, repository, storages[repository.Backend!], cancellationToken);
                    var reason = repo.Status.Phase == RepositoryPhase.Ready ? null
                        : repo.Status.Conditions?.FirstOrDefault(c => c.Type == RepositoryController.RepositoryInitialized)?.Message ?? "not initialised yet";
                    repoStatuses.Add(new RepoStatus { Name = repository.Name, Phase = repo.Status.Phase ?? RepositoryPhase.NotReady, Reason = reason });
                    if (reason is not null)
                    {
                        notReady.Add($"repository {repository.Name}: {reason}");
                    }
                }
            }

            try
            {
                await EnsureSchedulersAsync(entity, cancellationToken);
                schedulerOk = true;
                schedulerMessage = $"{(entity.Spec.Sessions ?? []).Count} trigger CronJob(s) in place{((entity.Spec.Paused ?? false) ? ", suspended while paused" : string.Empty)}";
            }
            catch (KubernetesApiException e)
            {
                schedulerMessage = e.Message;
                notReady.Add("scheduler: " + e.Message);
            }
        }

        var sessionStatuses = (entity.Spec.Sessions ?? []).Select(s => new SessionStatus { Name = s.Name, NextSchedule = NextSchedule(s, entity.Spec.Paused ?? false) }).ToList();
        await statusWriter.UpdateStatusAsync(entity, c =>
        {
            c.Status.Phase = !valid ? BackupInvokerPhase.Invalid : notReady.Count > 0 ? BackupInvokerPhase.NotReady : BackupInvokerPhase.Ready;
            c.Status.TargetFound = entity.Spec.Target is null ? null : targetFound;
            c.Status.Backends = backendStatuses.Count == 0 ? null : backendStatuses;
            c.Status.Repositories = repoStatuses.Count == 0 ? null : repoStatuses;
            c.Status.Dependencies = dependencies.Count == 0 ? null : dependencies;
            c.Status.Sessions = sessionStatuses.Count == 0 ? null : sessionStatuses;
            c.Status.Conditions = Conditions.Set(c.Status.Conditions, ValidationPassed, valid, valid ? "ValidationPassed" : "ValidationFailed", validationMessage, generation, clock);
            c.Status.Conditions = Conditions.Set(c.Status.Conditions, SchedulerEnsured, schedulerOk, schedulerOk ? "SchedulerEnsured" : "SchedulerNotEnsured", schedulerMessage, generation, clock);
        }, cancellationToken);
        if (!valid)
        {
            logger.LogInformation("BackupConfiguration {Namespace}/{Name} is invalid: {Problems}", ns, entity.Metadata.Name, validationMessage);
        }

        return !valid || notReady.Count > 0 ? ReconcileResult.Success(RecheckInterval) : ReconcileResult.Success();
    }

    public Task DeletedAsync(BackupConfiguration entity, CancellationToken cancellationToken) => Task.CompletedTask;

    private static string RefNamespace(ObjectReference reference, string fallback)
        => string.IsNullOrEmpty(reference.Namespace) ? fallback : reference.Namespace;

    private string? NextSchedule(Session session, bool paused)
    {
        if (paused || session.Scheduler?.Schedule is not { Length: > 0 } schedule)
        {
            return null;
        }

        try
        {
            var next = CronExpression.Parse(schedule, CronFormat.Standard).GetNextOccurrence(clock.GetUtcNow().UtcDateTime);
            return next?.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (CronFormatException)
        {
            return null;
        }
    }

    private async Task<bool> TargetExistsAsync(TypedObjectReference? target, string ns, List<string> problems, CancellationToken cancellationToken)
    {
        if (target is null)
        {
            return true;
        }

        var targetNs = string.IsNullOrEmpty(target.Namespace) ? ns : target.Namespace;
        bool? found = (target.ApiGroup ?? string.Empty, target.Kind) switch
        {
            ("", "Namespace") => await reader.GetAsync<V1Namespace>(target.Name, null, cancellationToken) is not null,
            ("apps", "Deployment") => await reader.GetAsync<V1Deployment>(target.Name, targetNs, cancellationToken) is not null,
            ("apps", "StatefulSet") => await reader.GetAsync<V1StatefulSet>(target.Name, targetNs, cancellationToken) is not null,
            ("apps", "DaemonSet") => await reader.GetAsync<V1DaemonSet>(target.Name, targetNs, cancellationToken) is not null,
            _ => null,
        };
        if (found is null)
        {
            problems.Add($"spec.target: kind {target.Kind} in API group \"{target.ApiGroup}\" is not supported (Namespace, Deployment, StatefulSet, DaemonSet)");
            return false;
        }

        if (found == false)
        {
            problems.Add($"spec.target: {target.Kind} {(target.Kind == "Namespace" ? target.Name : $"{targetNs}/{target.Name}")} not found");
        }

        return found.Value;
    }

    /// <summary>
    /// The backend's BackupStorage, shared with the cache (read only): its status lists every Repository using it, so at
    /// a thousand Repositories a copy per reconcile would be most of the reconcile's work.
    /// </summary>
    private async Task<BackupStorage?> ResolveStorageAsync(BackendReference backend, string ns, CancellationToken cancellationToken)
    {
        if (backend.StorageRef is { Name.Length: > 0 } reference)
        {
            return await reader.GetSharedAsync<BackupStorage>(reference.Name, RefNamespace(reference, ns), cancellationToken);
        }

        // No storageRef: the default BackupStorage of the namespace, else a cluster-wide default (sorted for determinism).
        var all = (await reader.ListAsync<BackupStorage>(null, null, cancellationToken)).Where(s => s.Spec.Default == true).ToList();
        return all.FirstOrDefault(s => s.Metadata.NamespaceProperty == ns)
               ?? all.OrderBy(s => s.Metadata.NamespaceProperty, StringComparer.Ordinal).ThenBy(s => s.Metadata.Name, StringComparer.Ordinal).FirstOrDefault();
    }

    private async Task CheckAddonAsync(Session session, List<ResourceFoundStatus> dependencies, List<string> problems, CancellationToken cancellationToken)
    {
        if (session.Addon?.Name is not { Length: > 0 } addonName)
        {
            problems.Add($"session {session.Name}: addon.name is required");
            return;
        }

        var addon = await reader.GetAsync<Addon>(addonName, null, cancellationToken);
        if (!dependencies.Any(d => d.Kind == "Addon" && d.Name == addonName))
        {
            dependencies.Add(new ResourceFoundStatus { ApiGroup = "addons.kubestash.com", Kind = "Addon", Name = addonName, Found = addon is not null });
        }

        if (addon is null)
        {
            problems.Add($"session {session.Name}: Addon {addonName} not found");
            return;
        }

        foreach (var task in session.Addon.Tasks ?? [])
        {
            var addonTask = addon.Spec.BackupTasks?.FirstOrDefault(t => t.Name == task.Name);
            if (addonTask is null)
            {
                problems.Add($"session {session.Name}: Addon {addonName} has no backup task \"{task.Name}\"");
                continue;
            }

            if (string.IsNullOrEmpty(addonTask.Function) || await reader.GetAsync<Function>(addonTask.Function, null, cancellationToken) is null)
            {
                dependencies.Add(new ResourceFoundStatus { ApiGroup = "addons.kubestash.com", Kind = "Function", Name = addonTask.Function, Found = false });
                problems.Add($"session {session.Name}: Function \"{addonTask.Function}\" of task {task.Name} not found");
            }
        }
    }

    private async Task<Repository> EnsureRepositoryAsync(BackupConfiguration config, RepositoryInfo info, BackupStorage storage, CancellationToken cancellationToken)
    {
        var ns = config.Metadata.NamespaceProperty;
        var desired = new Repository
        {
            ApiVersion = "storage.kubestash.com/v1alpha1",
            Kind = "Repository",
            Metadata = new V1ObjectMeta
            {
                Name = info.Name,
                NamespaceProperty = ns,
                Labels = new Dictionary<string, string>
                {
                    [KubeStashLabels.InvokerKind] = "BackupConfiguration",
                    [KubeStashLabels.InvokerName] = config.Metadata.Name,
                    [KubeStashLabels.InvokerNamespace] = ns,
                },
                OwnerReferences = [Owner.Of(config, "core.kubestash.com/v1alpha1", "BackupConfiguration")],
            },
            Spec = new RepositorySpec
            {
                AppRef = config.Spec.Target,
                StorageRef = new TypedObjectReference
                {
                    ApiGroup = "storage.kubestash.com",
                    Kind = "BackupStorage",
                    Namespace = storage.Metadata.NamespaceProperty,
                    Name = storage.Metadata.Name,
                },
                Path = info.Directory,
                EncryptionSecret = info.EncryptionSecret,
                // Retain means "keep the Repository and its data"; for the Repository itself that is Delete (data kept).
                DeletionPolicy = info.DeletionPolicy == BackupConfigDeletionPolicy.WipeOut ? DeletionPolicy.WipeOut : DeletionPolicy.Delete,
                Paused = config.Spec.Paused,
            },
        };
        var existing = await reader.GetAsync<Repository>(info.Name!, ns, cancellationToken);
        if (existing is null)
        {
            try
            {
                return await client.CreateAsync(desired, cancellationToken);
            }
            catch (KubernetesApiException e) when (e.StatusCode == System.Net.HttpStatusCode.Conflict)
            {
                // Created meanwhile (the cache had not seen it yet, or a previous leader made it): compare with what is there.
                existing = await client.GetAsync<Repository>(info.Name!, ns, cancellationToken)
                           ?? throw new InvalidOperationException($"Repository {ns}/{info.Name} exists and vanished", e);
            }
        }

        var changed = KubernetesJson.Serialize(existing.Spec) != KubernetesJson.Serialize(desired.Spec)
                      || desired.Metadata.Labels.Any(l => existing.Metadata.Labels?.TryGetValue(l.Key, out var v) != true || v != l.Value);
        if (!changed)
        {
            return existing;
        }

        existing.Spec = desired.Spec;
        existing.Metadata.Labels ??= new Dictionary<string, string>();
        foreach (var (key, value) in desired.Metadata.Labels)
        {
            existing.Metadata.Labels[key] = value;
        }

        return await client.ReplaceAsync(existing, cancellationToken);
    }

    private async Task EnsureSchedulersAsync(BackupConfiguration config, CancellationToken cancellationToken)
    {
        var ns = config.Metadata.NamespaceProperty;
        await EnsureAsync(TriggerCronJobBuilder.ServiceAccount(config), (_, _) => false, cancellationToken);
        await EnsureAsync(TriggerCronJobBuilder.Role(config), (have, want) => { var changed = KubernetesJson.Serialize(have.Rules) != KubernetesJson.Serialize(want.Rules); have.Rules = want.Rules; return changed; }, cancellationToken);
        await EnsureAsync(TriggerCronJobBuilder.RoleBinding(config), (_, _) => false, cancellationToken);
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var session in config.Spec.Sessions ?? [])
        {
            var cronJob = TriggerCronJobBuilder.Build(config, session, settings.OperatorImage);
            wanted.Add(cronJob.Metadata.Name);
            await EnsureAsync(cronJob, (have, want) =>
            {
                var changed = KubernetesJson.Serialize(have.Spec.JobTemplate.Spec.Template.Spec.Containers[0].Args) != KubernetesJson.Serialize(want.Spec.JobTemplate.Spec.Template.Spec.Containers[0].Args)
                              || have.Spec.Schedule != want.Spec.Schedule
                              || have.Spec.Suspend != want.Spec.Suspend
                              || have.Spec.JobTemplate.Spec.Template.Spec.Containers[0].Image != want.Spec.JobTemplate.Spec.Template.Spec.Containers[0].Image;
                have.Spec = want.Spec;
                return changed;
            }, cancellationToken);
        }

        var selector = new Dictionary<string, string>
        {
            [KubeStashLabels.InvokerKind] = "BackupConfiguration",
            [KubeStashLabels.InvokerName] = config.Metadata.Name,
        };
        foreach (var stale in (await reader.ListAsync<V1CronJob>(ns, selector, cancellationToken)).Where(c => !wanted.Contains(c.Metadata.Name)))
        {
            await client.DeleteAsync<V1CronJob>(stale.Metadata.Name, ns, cancellationToken);
        }
    }

    /// <summary>Creates <paramref name="desired"/> or lets <paramref name="update"/> bring the existing object in line (true = write it).</summary>
    private async Task EnsureAsync<T>(T desired, Func<T, T, bool> update, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var existing = await reader.GetAsync<T>(desired.Metadata.Name, desired.Metadata.NamespaceProperty, cancellationToken);
        if (existing is null)
        {
            try
            {
                await client.CreateAsync(desired, cancellationToken);
            }
            catch (KubernetesApiException e) when (e.StatusCode == System.Net.HttpStatusCode.Conflict)
            {
                // Created meanwhile (e.g. by a previous leader); the next reconcile compares it.
            }

            return;
        }

        if (update(existing, desired))
        {
            await client.ReplaceAsync(existing, cancellationToken);
        }
    }
}
