using KubeStash.Tests.TestServers;

namespace KubeStash.Tests.Lifecycle;

/// <summary>The objects a KubeStash user applies, written as KubeStash's docs write them (config/samples as the base).</summary>
internal static class LifecycleManifests
{
    public static string Namespace(string name) => $"""
        apiVersion: v1
        kind: Namespace
        metadata:
          name: {name}
        """;

    public static string S3Secret(string ns, S3TestServer s3) => $"""
        apiVersion: v1
        kind: Secret
        metadata:
          name: s3-secret
          namespace: {ns}
        stringData:
          AWS_ACCESS_KEY_ID: {s3.AccessKey}
          AWS_SECRET_ACCESS_KEY: {s3.SecretKey}
        """;

    public static string EncryptionSecret(string ns) => $"""
        apiVersion: v1
        kind: Secret
        metadata:
          name: encryption-secret
          namespace: {ns}
        stringData:
          RESTIC_PASSWORD: not-a-real-password
        """;

    public static string S3Storage(string ns, string name, S3TestServer s3, string bucket, string deletionPolicy = "WipeOut")
        => S3Storage(ns, name, s3.Endpoint, bucket, deletionPolicy);

    public static string S3Storage(string ns, string name, Uri endpoint, string bucket, string deletionPolicy = "WipeOut") => $"""
        apiVersion: storage.kubestash.com/v1alpha1
        kind: BackupStorage
        metadata:
          name: {name}
          namespace: {ns}
        spec:
          storage:
            provider: s3
            s3:
              endpoint: {endpoint}
              bucket: {bucket}
              region: us-east-1
              prefix: /manifests
              secretName: s3-secret
          usagePolicy:
            allowedNamespaces:
              from: All
          default: true
          deletionPolicy: {deletionPolicy}
        """;

    public static string RetentionPolicy(string ns) => $"""
        apiVersion: storage.kubestash.com/v1alpha1
        kind: RetentionPolicy
        metadata:
          name: demo-retention
          namespace: {ns}
        spec:
          default: true
          maxRetentionPeriod: 2mo
          successfulSnapshots:
            last: 5
          failedSnapshots:
            last: 2
          usagePolicy:
            allowedNamespaces:
              from: Same
        """;

    public static string BackupConfiguration(string ns, string storage, bool paused = false, string schedule = "*/5 * * * *") => $"""
        apiVersion: core.kubestash.com/v1alpha1
        kind: BackupConfiguration
        metadata:
          name: cluster-manifests-backup
          namespace: {ns}
        spec:
          target:
            apiGroup: ""
            kind: Namespace
            name: {ns}
          backends:
          - name: s3-backend
            storageRef:
              name: {storage}
              namespace: {ns}
            retentionPolicy:
              name: demo-retention
              namespace: {ns}
          sessions:
          - name: frequent-backup
            sessionHistoryLimit: 3
            backupTimeout: 30m
            scheduler:
              schedule: "{schedule}"
              concurrencyPolicy: Forbid
              successfulJobsHistoryLimit: 1
              failedJobsHistoryLimit: 1
              jobTemplate:
                backoffLimit: 1
            retryConfig:
              maxRetry: 2
              delay: 1m
            repositories:
            - name: cluster-manifests-repo
              backend: s3-backend
              directory: /cluster-manifests
              encryptionSecret:
                name: encryption-secret
                namespace: {ns}
              deletionPolicy: WipeOut
            addon:
              name: kubedump-addon
              tasks:
              - name: manifest-backup
                params:
                  IncludeClusterResources: "true"
                  IncludeNamespaces: {ns},kube-system
                  ExcludeResources: events,events.events.k8s.io
                  sanitize: "true"
              jobTemplate:
                spec:
                  serviceAccountName: cluster-resource-reader
                  resources:
                    requests:
                      cpu: 200m
                      memory: 256Mi
                    limits:
                      memory: 1Gi
          paused: {(paused ? "true" : "false")}
        """;
}
