using System.Text.Json;
using System.Text.Json.Nodes;
using Cronos;
using KubeStash.Entities.Core;
using KubeStash.Operator.Backup;
using KubeStash.Operator.Runtime.Webhooks;

namespace KubeStash.Operator.Webhooks;

/// <summary>
/// Admission checks of a BackupConfiguration that need no other object: sessions, schedules, backends, repositories,
/// addon, task params and target. References to other objects are reported by the controller in status instead, so
/// objects can be applied in any order.
/// </summary>
public sealed class BackupConfigurationValidator : ValidationWebhook<BackupConfiguration>
{
    public override Task<AdmissionResult> CreateAsync(BackupConfiguration entity, bool dryRun, CancellationToken cancellationToken)
        => Task.FromResult(Validate(entity));

    /// <summary>The same rules as on create; toggling spec.paused is always allowed.</summary>
    public override Task<AdmissionResult> UpdateAsync(BackupConfiguration oldEntity, BackupConfiguration newEntity, bool dryRun, CancellationToken cancellationToken)
        => Task.FromResult(Validate(newEntity));

    public static AdmissionResult Validate(BackupConfiguration entity)
    {
        var spec = entity.Spec;
        if (spec.Target is { } target)
        {
            if (string.IsNullOrWhiteSpace(target.Kind))
            {
                return AdmissionResult.Deny("spec.target.kind", "is required when spec.target is set");
            }

            if (string.IsNullOrWhiteSpace(target.Name))
            {
                return AdmissionResult.Deny("spec.target.name", "is required when spec.target is set");
            }

            if (target.Kind == "Namespace" && !string.IsNullOrEmpty(target.Namespace))
            {
                return AdmissionResult.Deny("spec.target.namespace", "must be empty for kind Namespace (namespaces are cluster-scoped)");
            }

            if (target.Kind == "Namespace" && !string.IsNullOrEmpty(target.ApiGroup))
            {
                return AdmissionResult.Deny("spec.target.apiGroup", $"must be \"\" for kind Namespace, not \"{target.ApiGroup}\"");
            }
        }

        var backends = spec.Backends ?? [];
        if (backends.Count == 0)
        {
            return AdmissionResult.Deny("spec.backends", "at least one backend is required");
        }

        var backendNames = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < backends.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(backends[i].Name))
            {
                return AdmissionResult.Deny($"spec.backends[{i}].name", "is required");
            }

            if (!backendNames.Add(backends[i].Name!))
            {
                return AdmissionResult.Deny($"spec.backends[{i}].name", $"\"{backends[i].Name}\" is used by two backends; backend names must be unique");
            }
        }

        var sessions = spec.Sessions ?? [];
        if (sessions.Count == 0)
        {
            return AdmissionResult.Deny("spec.sessions", "at least one session is required");
        }

        var sessionNames = new HashSet<string>(StringComparer.Ordinal);
        var repositoryNames = new HashSet<string>(StringComparer.Ordinal);
        var directories = new HashSet<(string, string)>();
        for (var i = 0; i < sessions.Count; i++)
        {
            var session = sessions[i];
            var at = $"spec.sessions[{i}]";
            if (string.IsNullOrWhiteSpace(session.Name))
            {
                return AdmissionResult.Deny($"{at}.name", "is required");
            }

            if (!sessionNames.Add(session.Name))
            {
                return AdmissionResult.Deny($"{at}.name", $"\"{session.Name}\" is used by two sessions; session names must be unique");
            }

            if (session.Scheduler is null || string.IsNullOrWhiteSpace(session.Scheduler.Schedule))
            {
                return AdmissionResult.Deny($"{at}.scheduler.schedule", "is required");
            }

            if (!IsCron(session.Scheduler.Schedule))
            {
                return AdmissionResult.Deny($"{at}.scheduler.schedule", $"\"{session.Scheduler.Schedule}\" is not a valid cron schedule (five fields, e.g. \"*/5 * * * *\", or @daily/@hourly…)");
            }

            if (session.BackupTimeout is { Length: > 0 } timeout && !KubeStashDuration.TryParse(timeout, out _))
            {
                return AdmissionResult.Deny($"{at}.backupTimeout", $"\"{timeout}\" is not a duration (e.g. 30m, 1h30m)");
            }

            if (session.SessionHistoryLimit is < 0)
            {
                return AdmissionResult.Deny($"{at}.sessionHistoryLimit", $"must not be negative, got {session.SessionHistoryLimit}");
            }

            if (session.RetryConfig?.Delay is { Length: > 0 } delay && !KubeStashDuration.TryParse(delay, out _))
            {
                return AdmissionResult.Deny($"{at}.retryConfig.delay", $"\"{delay}\" is not a duration (e.g. 1m)");
            }

            var repositories = session.Repositories ?? [];
            if (repositories.Count == 0)
            {
                return AdmissionResult.Deny($"{at}.repositories", "at least one repository is required");
            }

            for (var j = 0; j < repositories.Count; j++)
            {
                var repository = repositories[j];
                var repoAt = $"{at}.repositories[{j}]";
                if (string.IsNullOrWhiteSpace(repository.Name))
                {
                    return AdmissionResult.Deny($"{repoAt}.name", "is required");
                }

                if (!repositoryNames.Add(repository.Name))
                {
                    return AdmissionResult.Deny($"{repoAt}.name", $"repository \"{repository.Name}\" is declared twice; repository names must be unique");
                }

                if (string.IsNullOrWhiteSpace(repository.Backend) || !backendNames.Contains(repository.Backend))
                {
                    return AdmissionResult.Deny($"{repoAt}.backend", $"\"{repository.Backend}\" is not declared in spec.backends (declared: {string.Join(", ", backendNames)})");
                }

                var directory = (repository.Directory ?? string.Empty).Trim().Trim('/');
                if (directory.Length == 0)
                {
                    return AdmissionResult.Deny($"{repoAt}.directory", "is required");
                }

                if (directory.Split('/').Any(segment => segment is "" or "." or ".."))
                {
                    return AdmissionResult.Deny($"{repoAt}.directory", $"\"{repository.Directory}\" must be a path without empty, '.' or '..' segments");
                }

                if (!directories.Add((repository.Backend, directory)))
                {
                    return AdmissionResult.Deny($"{repoAt}.directory", $"\"{repository.Directory}\" is used by two repositories of backend {repository.Backend}; directories must be unique");
                }
            }

            if (session.Addon is null || string.IsNullOrWhiteSpace(session.Addon.Name))
            {
                return AdmissionResult.Deny($"{at}.addon.name", "is required");
            }

            var tasks = session.Addon.Tasks ?? [];
            if (tasks.Count == 0)
            {
                return AdmissionResult.Deny($"{at}.addon.tasks", "at least one task is required");
            }

            for (var t = 0; t < tasks.Count; t++)
            {
                if (string.IsNullOrWhiteSpace(tasks[t].Name))
                {
                    return AdmissionResult.Deny($"{at}.addon.tasks[{t}].name", "is required");
                }

                foreach (var (key, value) in tasks[t].Params ?? new JsonObject())
                {
                    if (value is not JsonValue v || v.GetValueKind() != JsonValueKind.String)
                    {
                        return AdmissionResult.Deny($"{at}.addon.tasks[{t}].params.{key}", $"must be a string (quote it), got {value?.ToJsonString() ?? "null"}");
                    }
                }
            }
        }

        return AdmissionResult.Allow();
    }

    private static bool IsCron(string schedule)
    {
        try
        {
            _ = CronExpression.Parse(schedule.Trim(), CronFormat.Standard);
            return true;
        }
        catch (CronFormatException)
        {
            return false;
        }
    }
}
