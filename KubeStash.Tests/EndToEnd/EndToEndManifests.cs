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
    /// A BackupConfiguration with one session (<see cref="Session"/>) writing repository <c>&lt;name&gt;-repo</c> in
    /// directory <c>/&lt;name&gt;</c> of <paramref name="storage"/>; <paramref name="target"/> is the YAML of spec.target
    /// (empty: the whole cluster) and <paramref name="parameters"/> the manifest-backup task's params.
    /// </summary>
    public static string BackupConfiguration(string ns, string name, string storage, string target, IReadOnlyDictionary<string, string> parameters, bool encrypted)
    {
        var encryption = encrypted ? $"""

                  encryptionSecret:
                    name: encryption-secret
                    namespace: {ns}
            """ : string.Empty;
        var parameterLines = string.Concat(parameters.Select(p => $"\n          {p.Key}: \"{p.Value}\""));
        return $"""
            apiVersion: core.kubestash.com/v1alpha1
            kind: BackupConfiguration
            metadata:
              name: {name}
              namespace: {ns}
            spec:
            {target}
              backends:
              - name: backend
                storageRef:
                  name: {storage}
                  namespace: {ns}
                retentionPolicy:
                  name: demo-retention
                  namespace: {ns}
              sessions:
              - name: {Session}
                sessionHistoryLimit: 2
                scheduler:
                  schedule: "0 0 1 1 *"
                  jobTemplate:
                    backoffLimit: 0
                repositories:
                - name: {name}-repo
                  backend: backend
                  directory: /{name}
                  deletionPolicy: WipeOut{encryption}
                addon:
                  name: kubedump-addon
                  tasks:
                  - name: manifest-backup
                    params:{parameterLines}
            """;
    }
}
