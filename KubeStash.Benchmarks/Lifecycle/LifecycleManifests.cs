using System.Globalization;

namespace KubeStash.Benchmarks.Lifecycle;

/// <summary>
/// The benchmark's objects, shaped like config/samples: a shared local BackupStorage and RetentionPolicy in
/// <c>backup-system</c> usable from every namespace, team namespaces, and per application one BackupConfiguration with a
/// backend (storageRef + retentionPolicy), a five-minute session with scheduler, retry and timeout settings, one
/// repository, and the kubedump addon with task parameters and container settings.
/// </summary>
internal static class LifecycleManifests
{
    public const string StorageNamespace = "backup-system";
    public const string StorageName = "local-storage";
    public const string SessionName = "frequent-backup";
    public const string EncryptionSecretName = "encryption-secret";

    public static string Namespace(int index) => $"team-{index:D2}";

    public static string ConfigurationName(int index) => $"app-{index:D4}-backup";

    public static string Storage(string directory) => $"""
        apiVersion: v1
        kind: Namespace
        metadata:
          name: {StorageNamespace}
        ---
        apiVersion: storage.kubestash.com/v1alpha1
        kind: BackupStorage
        metadata:
          name: {StorageName}
          namespace: {StorageNamespace}
        spec:
          storage:
            provider: local
            local:
              mountPath: {directory}
              hostPath:
                path: {directory}
          usagePolicy:
            allowedNamespaces:
              from: All
          default: true
          deletionPolicy: WipeOut
        ---
        apiVersion: storage.kubestash.com/v1alpha1
        kind: RetentionPolicy
        metadata:
          name: keep-recent
          namespace: {StorageNamespace}
        spec:
          maxRetentionPeriod: 30d
          successfulSnapshots:
            last: 5
            daily: 7
          failedSnapshots:
            last: 2
          usagePolicy:
            allowedNamespaces:
              from: All
        """;

    public static string TeamNamespace(string name, bool encrypted) => $"""
        apiVersion: v1
        kind: Namespace
        metadata:
          name: {name}
        """ + (encrypted ? $"""

        ---
        apiVersion: v1
        kind: Secret
        metadata:
          name: {EncryptionSecretName}
          namespace: {name}
        data:
          RESTIC_PASSWORD: {Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"bench-{name}-password"))}
        """ : string.Empty);

    /// <summary>One application's BackupConfiguration, as JSON (what <c>kubectl apply</c> sends).</summary>
    public static string Configuration(int index, string ns, bool encrypted)
    {
        var name = ConfigurationName(index);
        var app = string.Create(CultureInfo.InvariantCulture, $"app-{index:D4}");
        var encryption = encrypted ? $$""", "encryptionSecret": {"name": "{{EncryptionSecretName}}", "namespace": "{{ns}}"}""" : string.Empty;
        return $$$"""
            {
              "apiVersion": "core.kubestash.com/v1alpha1",
              "kind": "BackupConfiguration",
              "metadata": {"name": "{{{name}}}", "namespace": "{{{ns}}}"},
              "spec": {
                "target": {"apiGroup": "", "kind": "Namespace", "name": "{{{ns}}}"},
                "backends": [{
                  "name": "local-backend",
                  "storageRef": {"name": "{{{StorageName}}}", "namespace": "{{{StorageNamespace}}}"},
                  "retentionPolicy": {"name": "keep-recent", "namespace": "{{{StorageNamespace}}}"}
                }],
                "sessions": [{
                  "name": "{{{SessionName}}}",
                  "sessionHistoryLimit": 3,
                  "backupTimeout": "30m",
                  "scheduler": {
                    "schedule": "*/5 * * * *",
                    "concurrencyPolicy": "Forbid",
                    "successfulJobsHistoryLimit": 1,
                    "failedJobsHistoryLimit": 1,
                    "jobTemplate": {"backoffLimit": 1}
                  },
                  "retryConfig": {"maxRetry": 2, "delay": "1m"},
                  "repositories": [{
                    "name": "{{{app}}}-repo", "backend": "local-backend", "directory": "/{{{ns}}}/{{{app}}}", "deletionPolicy": "WipeOut"{{{encryption}}}
                  }],
                  "addon": {
                    "name": "kubedump-addon",
                    "tasks": [{
                      "name": "manifest-backup",
                      "params": {
                        "IncludeClusterResources": "false",
                        "IncludeNamespaces": "{{{ns}}}",
                        "ExcludeResources": "events,events.events.k8s.io",
                        "ANDedLabelSelectors": "app.kubernetes.io/instance={{{app}}}",
                        "sanitize": "true"
                      }
                    }],
                    "containerRuntimeSettings": {
                      "resources": {"requests": {"cpu": "100m", "memory": "128Mi"}, "limits": {"memory": "512Mi"}},
                      "securityContext": {"allowPrivilegeEscalation": false, "readOnlyRootFilesystem": true}
                    }
                  }
                }]
              }
            }
            """;
    }
}
