using System.Text.Json.Nodes;

namespace KubeStash.Tests.Dumper;

/// <summary>A StatefulSet with dependants: its pods, its per-pod claims, its headless Service and its ConfigMap.</summary>
public sealed class StatefulSetDependantsTests
{
    [Test]
    public async Task StatefulSet_dump_includes_pods_claims_service_and_config_but_not_neighbours()
    {
        await using var cluster = await SeededCluster.StartAsync();
        await cluster.Server.LoadYamlAsync("""
            apiVersion: v1
            kind: Namespace
            metadata: {name: data}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: pg-conf, namespace: data}
            data: {postgresql.conf: "max_connections = 100\n"}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: other-conf, namespace: data}
            data: {a: b}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: pg, namespace: data}
            spec: {clusterIP: None, selector: {app: pg}, ports: [{port: 5432}]}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: pg-metrics, namespace: data}
            spec: {selector: {app: pg, role: metrics}, ports: [{port: 9187}]}
            ---
            apiVersion: v1
            kind: PersistentVolumeClaim
            metadata: {name: data-pg-0, namespace: data}
            spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
            ---
            apiVersion: v1
            kind: PersistentVolumeClaim
            metadata: {name: data-other-0, namespace: data}
            spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
            """);
        var statefulSet = await cluster.Server.CreateObjectAsync((JsonObject)JsonNode.Parse("""
            {"apiVersion": "apps/v1", "kind": "StatefulSet", "metadata": {"name": "pg", "namespace": "data"},
             "spec": {"serviceName": "pg", "replicas": 1, "selector": {"matchLabels": {"app": "pg"}},
                      "template": {"metadata": {"labels": {"app": "pg"}},
                                   "spec": {"containers": [{"name": "pg", "image": "postgres:17",
                                            "volumeMounts": [{"name": "data", "mountPath": "/var/lib/postgresql"}, {"name": "conf", "mountPath": "/etc/pg"}]}],
                                            "volumes": [{"name": "conf", "configMap": {"name": "pg-conf"}}]}},
                      "volumeClaimTemplates": [{"metadata": {"name": "data"}, "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}}}]}}
            """)!);
        var uid = statefulSet["metadata"]!["uid"]!.GetValue<string>();
        await cluster.Server.CreateObjectAsync((JsonObject)JsonNode.Parse($$"""
            {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "pg-0", "namespace": "data", "labels": {"app": "pg"},
             "ownerReferences": [{"apiVersion": "apps/v1", "kind": "StatefulSet", "name": "pg", "uid": "{{uid}}", "controller": true}]},
             "spec": {"containers": [{"name": "pg", "image": "postgres:17"}] } }
            """)!);

        var output = await cluster.DumpToDirectoryAsync("--target=StatefulSet.apps/data/pg", "--include-dependants=true");

        SeededCluster.Files(output).Should().Equal(
            "manifest/configmaps/namespaces/data/pg-conf.yaml",
            "manifest/persistentvolumeclaims/namespaces/data/data-pg-0.yaml",
            "manifest/pods/namespaces/data/pg-0.yaml",
            "manifest/services/namespaces/data/pg.yaml",
            "manifest/statefulsets.apps/namespaces/data/pg.yaml");
        var service = await File.ReadAllTextAsync(Path.Combine(output, "manifest/services/namespaces/data/pg.yaml"));
        service.Should().Contain("clusterIP: None", "a headless Service stays headless");
    }
}
