using KubeStash.Entities.Storage;
using KubeStash.Operator.Runtime.Client;
using KubeStash.Operator.Runtime.Webhooks;

namespace KubeStash.Operator.Webhooks;

/// <summary>A BackupStorage carries exactly the block its provider names, with its required fields; one default per namespace.</summary>
public sealed class BackupStorageValidator(IEntityClient client) : ValidationWebhook<BackupStorage>
{
    public override Task<AdmissionResult> CreateAsync(BackupStorage entity, bool dryRun, CancellationToken cancellationToken)
        => ValidateAsync(entity, cancellationToken);

    public override Task<AdmissionResult> UpdateAsync(BackupStorage oldEntity, BackupStorage newEntity, bool dryRun, CancellationToken cancellationToken)
        => ValidateAsync(newEntity, cancellationToken);

    private async Task<AdmissionResult> ValidateAsync(BackupStorage entity, CancellationToken cancellationToken)
    {
        if (Validate(entity) is { Allowed: false } denied)
        {
            return denied;
        }

        if (entity.Spec.Default == true)
        {
            var others = await client.ListAsync<BackupStorage>(entity.Metadata.NamespaceProperty, null, cancellationToken);
            var otherDefault = others.Items.FirstOrDefault(s => s.Spec.Default == true && s.Metadata.Name != entity.Metadata.Name);
            if (otherDefault is not null)
            {
                return AdmissionResult.Deny("spec.default", $"BackupStorage {otherDefault.Metadata.Name} is already the default of namespace {entity.Metadata.NamespaceProperty}; at most one default per namespace");
            }
        }

        return AdmissionResult.Allow();
    }

    public static AdmissionResult Validate(BackupStorage entity)
    {
        var storage = entity.Spec.Storage;
        if (storage is null)
        {
            return AdmissionResult.Deny("spec.storage", "is required");
        }

        if (storage.Provider is not { } provider)
        {
            return AdmissionResult.Deny("spec.storage.provider", "is required (local, s3, gcs or azure)");
        }

        var blocks = new (string Name, object? Block)[] { ("local", storage.Local), ("s3", storage.S3), ("gcs", storage.Gcs), ("azure", storage.Azure) };
        var expected = provider switch
        {
            StorageProvider.Local => "local",
            StorageProvider.S3 => "s3",
            StorageProvider.Gcs => "gcs",
            _ => "azure",
        };
        if (blocks.Single(b => b.Name == expected).Block is null)
        {
            return AdmissionResult.Deny($"spec.storage.{expected}", $"is required because spec.storage.provider is {expected}");
        }

        if (blocks.FirstOrDefault(b => b.Name != expected && b.Block is not null) is { Name: { } extra })
        {
            return AdmissionResult.Deny($"spec.storage.{extra}", $"must not be set when spec.storage.provider is {expected}; give only the {expected} block");
        }

        (string Field, string? Value)[] required = provider switch
        {
            StorageProvider.Local => [("local.mountPath", storage.Local!.MountPath)],
            StorageProvider.S3 => [("s3.endpoint", storage.S3!.Endpoint), ("s3.bucket", storage.S3.Bucket), ("s3.secretName", storage.S3.SecretName)],
            StorageProvider.Gcs => [("gcs.bucket", storage.Gcs!.Bucket), ("gcs.secretName", storage.Gcs.SecretName)],
            _ => [("azure.container", storage.Azure!.Container), ("azure.secretName", storage.Azure.SecretName)],
        };
        foreach (var (field, value) in required)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return AdmissionResult.Deny($"spec.storage.{field}", "is required");
            }
        }

        if (storage.Local?.MountPath is { } mountPath && !mountPath.StartsWith('/'))
        {
            return AdmissionResult.Deny("spec.storage.local.mountPath", $"must be an absolute path, got \"{mountPath}\"");
        }

        if (entity.Spec.UsagePolicy?.AllowedNamespaces is { From: Entities.Common.FromNamespaces.Selector, Selector: null })
        {
            return AdmissionResult.Deny("spec.usagePolicy.allowedNamespaces.selector", "is required when from is Selector");
        }

        return AdmissionResult.Allow();
    }
}
