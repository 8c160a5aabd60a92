using KubeStash.Entities.Storage;
using KubeStash.Operator.Backup;
using KubeStash.Operator.Runtime.Webhooks;

namespace KubeStash.Operator.Webhooks;

/// <summary>A RetentionPolicy's period parses as a KubeStash duration and its counts are not negative.</summary>
public sealed class RetentionPolicyValidator : ValidationWebhook<RetentionPolicy>
{
    public override Task<AdmissionResult> CreateAsync(RetentionPolicy entity, bool dryRun, CancellationToken cancellationToken)
        => Task.FromResult(Validate(entity));

    public override Task<AdmissionResult> UpdateAsync(RetentionPolicy oldEntity, RetentionPolicy newEntity, bool dryRun, CancellationToken cancellationToken)
        => Task.FromResult(Validate(newEntity));

    public static AdmissionResult Validate(RetentionPolicy entity)
    {
        var spec = entity.Spec;
        if (spec.MaxRetentionPeriod is { Length: > 0 } period && !KubeStashDuration.TryParse(period, out _))
        {
            return AdmissionResult.Deny("spec.maxRetentionPeriod", $"\"{period}\" is not a duration (e.g. 30d, 2w, 2mo, 1y, 1y6mo)");
        }

        var counts = new (string Field, int? Value)[]
        {
            ("successfulSnapshots.last", spec.SuccessfulSnapshots?.Last),
            ("successfulSnapshots.hourly", spec.SuccessfulSnapshots?.Hourly),
            ("successfulSnapshots.daily", spec.SuccessfulSnapshots?.Daily),
            ("successfulSnapshots.weekly", spec.SuccessfulSnapshots?.Weekly),
            ("successfulSnapshots.monthly", spec.SuccessfulSnapshots?.Monthly),
            ("successfulSnapshots.yearly", spec.SuccessfulSnapshots?.Yearly),
            ("failedSnapshots.last", spec.FailedSnapshots?.Last),
        };
        foreach (var (field, value) in counts)
        {
            if (value is < 0)
            {
                return AdmissionResult.Deny($"spec.{field}", $"must not be negative, got {value}");
            }
        }

        if (spec.UsagePolicy?.AllowedNamespaces is { From: Entities.Common.FromNamespaces.Selector, Selector: null })
        {
            return AdmissionResult.Deny("spec.usagePolicy.allowedNamespaces.selector", "is required when from is Selector");
        }

        return AdmissionResult.Allow();
    }
}
