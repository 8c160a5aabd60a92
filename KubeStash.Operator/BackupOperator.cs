using k8s.Models;
using KubeStash.Entities.Addons;
using KubeStash.Entities.Core;
using KubeStash.Entities.Storage;
using KubeStash.Operator.Backup;
using KubeStash.Operator.Controllers;
using KubeStash.Operator.Finalizers;
using KubeStash.Operator.Runtime.Hosting;
using KubeStash.Operator.Webhooks;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KubeStash.Operator;

/// <summary>Everything the KubeStash operator registers with the runtime: controllers, finalizers, webhooks and their services.</summary>
public static class BackupOperator
{
    public const string Name = "kubestash-operator";

    public static OperatorBuilder AddBackupControllers(this OperatorBuilder builder, BackupOperatorSettings settings)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(settings);
        builder.Services.TryAddSingleton<BackupStorageConnector>();
        builder.Services.TryAddSingleton<BackupSessionTrigger>();
        builder.Services.TryAddScoped<RepositoryRediscovery>();
        builder.Services.TryAddScoped<RetentionPolicyApplier>();
        // Controllers that alone write their objects' status skip the watch events of those writes (owned objects and
        // requeues still trigger them); BackupSession relies on its own label update's event and Snapshot's status is
        // written by the backup Job, so both see every change.
        return builder
            .AddController<BackupStorageController, BackupStorage>(c => c.GenerationChangedOnly = true)
            .AddFinalizer<BackupStorageFinalizer, BackupStorage>(KubeStashLabels.CleanupFinalizer)
            .AddController<RepositoryController, Repository>(c =>
            {
                c.GenerationChangedOnly = true;
                c.Owns<Snapshot>();
            })
            .AddFinalizer<RepositoryFinalizer, Repository>(KubeStashLabels.CleanupFinalizer)
            .AddController<BackupConfigurationController, BackupConfiguration>(c =>
            {
                c.GenerationChangedOnly = true;
                c.Owns<Repository>().Owns<V1CronJob>();
            })
            .AddController<BackupSessionController, BackupSession>(c => c.Owns<V1Job>())
            .AddController<SnapshotController, Snapshot>()
            .AddFinalizer<SnapshotFinalizer, Snapshot>(KubeStashLabels.CleanupFinalizer)
            // Looked up on every BackupConfiguration and BackupSession reconcile, changed rarely: read from memory.
            .Watches<Addon>()
            .Watches<Function>()
            .Watches<RetentionPolicy>()
            .AddValidationWebhook<BackupConfigurationValidator, BackupConfiguration>()
            .AddValidationWebhook<BackupStorageValidator, BackupStorage>()
            .AddValidationWebhook<RetentionPolicyValidator, RetentionPolicy>()
            .AddValidationWebhook<BackupSessionValidator, BackupSession>();
    }
}
