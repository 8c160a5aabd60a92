namespace KubeStash.Tests.EndToEnd;

/// <summary>The objects a user applies for the end-to-end backups, written as KubeStash's docs write them.</summary>
internal static class EndToEndManifests
{
    public const string Session = "daily";

    /// <summary>A local BackupStorage on a hostPath volume mounted where the volume lies (LocalCluster's kubelet maps hostPath to itself).</summary>
    public static string LocalStorage(string ns, string name, string directory, string subPath) => $"""
        apiVersion: storage.kubestash.com/v1alpha1
        kind: BackupStorage
        metadata:
          name: {name}
          namespace: {ns}
        spec:
          storage:
            provider: local
            local:
              mountPath: {directory}
              subPath: {subPath}
              hostPath:
                path: {directory}
                type: DirectoryOrCreate
          usagePolicy:
            allowedNamespaces:
              from: Same
          deletionPolicy: WipeOut
        """;

    /// <summary>
    /// A BackupConfiguration with one session (<see cref="Session"/>) writing <paramref name="repositories"/>, one backend
    /// per BackupStorage; <paramref name="target"/> is the YAML of spec.target (empty: the whole cluster) and
    /// <paramref name="parameters"/> the manifest-backup task's params.
    /// </summary>
    public static string BackupConfiguration(string ns, string name, string target, IReadOnlyDictionary<string, string> parameters, params RepositoryPlacement[] repositories)
        => BackupConfiguration(ns, name, target, parameters, maxRetry: 0, repositories);

    /// <summary>As above; with <paramref name="maxRetry"/> &gt; 0 a failed session is retried after one second.</summary>
    public static string BackupConfiguration(string ns, string name, string target, IReadOnlyDictionary<string, string> parameters, int maxRetry, params RepositoryPlacement[] repositories)
    {
        var retry = maxRetry > 0 ? $"""

                retryConfig:
                  maxRetry: {maxRetry}
                  delay: 1s
            """ : string.Empty;
        var backends = string.Concat(repositories.Select(r => r.Storage).Distinct().Select(storage => $"""

              - name: {storage}-backend
                storageRef:
                  name: {storage}
                  namespace: {ns}
                retentionPolicy:
                  name: demo-retention
                  namespace: {ns}
            """));
        var repositoryItems = string.Concat(repositories.Select(r => $"""

                - name: {r.Name}
                  backend: {r.Storage}-backend
                  directory: /{r.Directory}
                  deletionPolicy: WipeOut
            """ + (r.Encrypted ? $"""

                  encryptionSecret:
                    name: encryption-secret
                    namespace: {ns}
            """ : string.Empty)));
        var parameterLines = string.Concat(parameters.Select(p => $"\n          {p.Key}: \"{p.Value}\""));
        return $"""
            apiVersion: core.kubestash.com/v1alpha1
            kind: BackupConfiguration
            metadata:
              name: {name}
              namespace: {ns}
            spec:
            {target}
              backends:{backends}
              sessions:
              - name: {Session}
                sessionHistoryLimit: 2
                scheduler:
                  schedule: "0 0 1 1 *"
                  jobTemplate:
                    backoffLimit: 0{retry}
                repositories:{repositoryItems}
                addon:
                  name: kubedump-addon
                  tasks:
                  - name: manifest-backup
                    params:{parameterLines}
            """;
    }
}
