namespace KubeStash.Tests.Dumper;

/// <summary>
/// Minimal CRDs for the KubeStash kinds the backup Job reads (open schema, status subresource): enough for LocalCluster to
/// serve them until the operator's generated CRDs exist.
/// </summary>
public static class KubeStashCrds
{
    public static string Yaml => string.Join(
        "---\n",
        Crd("storage.kubestash.com", "backupstorages", "BackupStorage"),
        Crd("storage.kubestash.com", "repositories", "Repository"),
        Crd("storage.kubestash.com", "snapshots", "Snapshot"),
        Crd("core.kubestash.com", "backupconfigurations", "BackupConfiguration"),
        Crd("core.kubestash.com", "backupsessions", "BackupSession"));

    private static string Crd(string group, string plural, string kind) => $"""
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: {plural}.{group}
        spec:
          group: {group}
          scope: Namespaced
          names: {"{"}plural: {plural}, singular: {kind.ToLowerInvariant()}, kind: {kind}, listKind: {kind}List{"}"}
          versions:
          - name: v1alpha1
            served: true
            storage: true
            subresources: {"{"}status: {"{}"}{"}"}
            schema:
              openAPIV3Schema:
                type: object
                x-kubernetes-preserve-unknown-fields: true

        """;
}
