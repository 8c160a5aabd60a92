using System.Globalization;
using KubeStash.Entities.Core;
using KubeStash.Entities.Storage;
using KubeStash.Operator.Runtime.Client;
using KubeStash.Storage;
using KubeStash.Storage.Layout;

namespace KubeStash.Operator.Backup;

/// <summary>
/// Applies each backend's RetentionPolicy to its repository after a BackupSession finished: keeps the latest
/// <c>successfulSnapshots.last</c> plus one per hour/day/week/month/year bucket as asked, the latest
/// <c>failedSnapshots.last</c>, and nothing older than <c>maxRetentionPeriod</c>. Forgotten snapshots lose their
/// backend data first, then their Snapshot object. Unfinished snapshots are never touched.
/// </summary>
public sealed class RetentionPolicyApplier(IEntityClient client, StatusWriter statusWriter, BackupStorageConnector connector, TimeProvider clock, ILogger<RetentionPolicyApplier> logger)
{
    public async Task ApplyAsync(BackupSession finished, BackupConfiguration config, Session session, CancellationToken cancellationToken)
    {
        var ns = finished.Metadata.NamespaceProperty;
        var results = new List<RetentionPolicyApplyStatus>();
        foreach (var repository in session.Repositories ?? [])
        {
            var policyRef = config.Spec.Backends?.FirstOrDefault(b => b.Name == repository.Backend)?.RetentionPolicy;
            if (policyRef is null)
            {
                continue;
            }

            var policyNs = string.IsNullOrEmpty(policyRef.Namespace) ? ns : policyRef.Namespace;
            var result = new RetentionPolicyApplyStatus { Ref = policyRef, Repository = repository.Name, Phase = RetentionPolicyApplyPhase.Applied };
            results.Add(result);
            try
            {
                var policy = await client.GetAsync<RetentionPolicy>(policyRef.Name, policyNs, cancellationToken)
                    ?? throw new InvalidOperationException($"RetentionPolicy {policyNs}/{policyRef.Name} not found");
                var snapshots = (await client.ListAsync<Snapshot>(ns, $"{KubeStashLabels.RepoName}={repository.Name}", cancellationToken)).Items;
                var forget = SelectForgotten(policy.Spec, snapshots, clock.GetUtcNow().UtcDateTime);
                if (forget.Count > 0)
                {
                    await ForgetAsync(ns, repository.Name!, forget, cancellationToken);
                }
            }
            catch (Exception e) when (e is InvalidOperationException or StorageException or BackendSecretException or FormatException or ArgumentException)
            {
                logger.LogWarning(e, "Retention policy of repository {Namespace}/{Repository} could not be applied", ns, repository.Name);
                result.Phase = RetentionPolicyApplyPhase.FailedToApply;
                result.Error = e.Message;
            }
        }

        if (results.Count > 0)
        {
            await statusWriter.UpdateStatusAsync(finished, s => s.Status.RetentionPolicy = results, cancellationToken);
        }
    }

    /// <summary>The finished snapshots the policy does not keep.</summary>
    public static IReadOnlyList<Snapshot> SelectForgotten(RetentionPolicySpec policy, IEnumerable<Snapshot> snapshots, DateTime now)
    {
        static DateTime TimeOf(Snapshot s) => (s.Status.SnapshotTime ?? s.Metadata.CreationTimestamp ?? DateTime.MinValue).ToUniversalTime();
        var finished = snapshots.Where(s => s.Status.Phase is SnapshotPhase.Succeeded or SnapshotPhase.Failed)
            .OrderByDescending(TimeOf).ThenByDescending(s => s.Metadata.Name, StringComparer.Ordinal).ToList();
        var succeeded = finished.Where(s => s.Status.Phase == SnapshotPhase.Succeeded).ToList();
        var failed = finished.Where(s => s.Status.Phase == SnapshotPhase.Failed).ToList();
        var keep = new HashSet<string>(StringComparer.Ordinal);

        var keepPolicy = policy.SuccessfulSnapshots;
        if (keepPolicy is null || new[] { keepPolicy.Last, keepPolicy.Hourly, keepPolicy.Daily, keepPolicy.Weekly, keepPolicy.Monthly, keepPolicy.Yearly }.All(n => n is null))
        {
            keep.UnionWith(succeeded.Select(s => s.Metadata.Name));
        }
        else
        {
            keep.UnionWith(succeeded.Take(keepPolicy.Last ?? 0).Select(s => s.Metadata.Name));
            KeepPerBucket(succeeded, keepPolicy.Hourly, t => t.ToString("yyyyMMddHH", CultureInfo.InvariantCulture), keep, TimeOf);
            KeepPerBucket(succeeded, keepPolicy.Daily, t => t.ToString("yyyyMMdd", CultureInfo.InvariantCulture), keep, TimeOf);
            KeepPerBucket(succeeded, keepPolicy.Weekly, t => $"{ISOWeek.GetYear(t)}-{ISOWeek.GetWeekOfYear(t)}", keep, TimeOf);
            KeepPerBucket(succeeded, keepPolicy.Monthly, t => t.ToString("yyyyMM", CultureInfo.InvariantCulture), keep, TimeOf);
            KeepPerBucket(succeeded, keepPolicy.Yearly, t => t.ToString("yyyy", CultureInfo.InvariantCulture), keep, TimeOf);
        }

        keep.UnionWith((policy.FailedSnapshots?.Last is { } lastFailed ? failed.Take(lastFailed) : failed).Select(s => s.Metadata.Name));
        if (policy.MaxRetentionPeriod is { Length: > 0 } period)
        {
            var cutoff = now - KubeStashDuration.Parse(period, "spec.maxRetentionPeriod");
            keep.RemoveWhere(name => finished.First(s => s.Metadata.Name == name) is var s && TimeOf(s) < cutoff);
        }

        return [.. finished.Where(s => !keep.Contains(s.Metadata.Name))];
    }

    private static void KeepPerBucket(List<Snapshot> newestFirst, int? count, Func<DateTime, string> bucket, HashSet<string> keep, Func<Snapshot, DateTime> timeOf)
    {
        if (count is not > 0)
        {
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var snapshot in newestFirst)
        {
            if (seen.Add(bucket(timeOf(snapshot))))
            {
                keep.Add(snapshot.Metadata.Name);
                if (seen.Count == count)
                {
                    return;
                }
            }
        }
    }

    private async Task ForgetAsync(string ns, string repositoryName, IReadOnlyList<Snapshot> forget, CancellationToken cancellationToken)
    {
        var repository = await client.GetAsync<Repository>(repositoryName, ns, cancellationToken)
            ?? throw new InvalidOperationException($"Repository {ns}/{repositoryName} not found");
        var storageRef = repository.Spec.StorageRef ?? throw new InvalidOperationException($"Repository {ns}/{repositoryName} has no spec.storageRef");
        var storageNs = string.IsNullOrEmpty(storageRef.Namespace) ? ns : storageRef.Namespace;
        var storage = await client.GetAsync<BackupStorage>(storageRef.Name, storageNs, cancellationToken)
            ?? throw new InvalidOperationException($"BackupStorage {storageNs}/{storageRef.Name} not found");
        await using var store = await connector.OpenAsync(storage, cancellationToken);
        var layout = new StorageLayout(store);
        foreach (var snapshot in forget)
        {
            await layout.DeleteSnapshotAsync(StorageKeys.RepositoryDirectory(repository), snapshot.Metadata.Name, cancellationToken);
            await client.DeleteAsync<Snapshot>(snapshot.Metadata.Name, ns, cancellationToken);
            logger.LogInformation("Retention: forgot Snapshot {Namespace}/{Snapshot}", ns, snapshot.Metadata.Name);
        }
    }
}
