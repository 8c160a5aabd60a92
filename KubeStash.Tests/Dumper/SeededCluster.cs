using System.Text.Json.Nodes;
using k8s;
using KubeStash.Dumper.Cli;
using KubeStash.LocalCluster;

namespace KubeStash.Tests.Dumper;

/// <summary>
/// A LocalCluster with known content: namespaces shop and blog, ConfigMaps, Secrets, a ServiceAccount, a Deployment
/// owning a ReplicaSet owning a Pod, Services, a CRD (widgets.example.com) with instances, and a ClusterRole.
/// </summary>
public sealed class SeededCluster : IAsyncDisposable
{
    public const string WidgetCrd = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: widgets.example.com
        spec:
          group: example.com
          scope: Namespaced
          names: {plural: widgets, singular: widget, kind: Widget, listKind: WidgetList}
          versions:
          - name: v1
            served: true
            storage: true
            schema:
              openAPIV3Schema:
                type: object
                x-kubernetes-preserve-unknown-fields: true
        """;

    private const string Content = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: shop, labels: {team: shop}}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: blog}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: web-config, namespace: shop, labels: {app: web, tier: frontend}}
        data: {index.html: "<h1>shop</h1>", "enabled": "true"}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: unrelated, namespace: shop, labels: {app: other}}
        data: {a: b}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: blog-config, namespace: blog, labels: {tier: frontend}}
        data: {multi: "line one\nline two\n"}
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: web-secret, namespace: shop, labels: {app: web}}
        type: Opaque
        stringData: {password: s3cret}
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: db-secret, namespace: shop, labels: {app: db, tier: backend}}
        type: Opaque
        data: {password: ZGI=}
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: web-sa, namespace: shop}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: shop, labels: {app: web}}
        spec:
          selector: {app: web}
          clusterIP: 10.96.0.10
          clusterIPs: [10.96.0.10]
          ports: [{name: http, port: 80, targetPort: 8080, protocol: TCP}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: db, namespace: shop, labels: {app: db}}
        spec:
          selector: {app: db}
          ports: [{port: 5432, protocol: TCP}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: shop-reader, labels: {team: shop}}
        rules: [{apiGroups: [""], resources: [configmaps], verbs: [get, list]}]
        ---
        apiVersion: example.com/v1
        kind: Widget
        metadata: {name: w1, namespace: shop, labels: {app: web}}
        spec: {size: 3}
        ---
        apiVersion: example.com/v1
        kind: Widget
        metadata: {name: w2, namespace: blog}
        spec: {size: 5}
        """;

    private const string PodSpec = """
        {"serviceAccountName": "web-sa",
         "containers": [{"name": "web", "image": "nginx:1.27",
           "envFrom": [{"secretRef": {"name": "web-secret"}}],
           "volumeMounts": [{"name": "config", "mountPath": "/usr/share/nginx/html"}]}],
         "volumes": [{"name": "config", "configMap": {"name": "web-config"}}]}
        """;

    private readonly string root = Path.Combine(Path.GetTempPath(), "dumper-tests-" + Guid.NewGuid().ToString("N")[..8]);

    private SeededCluster(LocalClusterServer server, IKubernetes client)
    {
        Server = server;
        Client = client;
        Directory.CreateDirectory(root);
    }

    public LocalClusterServer Server { get; }

    public IKubernetes Client { get; }

    public string KubeconfigPath => Server.KubeconfigPath;

    /// <summary>Every file of a cluster dump with cluster resources, relative to the output directory.</summary>
    public static readonly string[] AllFiles =
    [
        "manifest/clusterroles.rbac.authorization.k8s.io/cluster/shop-reader.yaml",
        "manifest/configmaps/namespaces/blog/blog-config.yaml",
        "manifest/configmaps/namespaces/shop/unrelated.yaml",
        "manifest/configmaps/namespaces/shop/web-config.yaml",
        "manifest/customresourcedefinitions.apiextensions.k8s.io/cluster/widgets.example.com.yaml",
        "manifest/deployments.apps/namespaces/shop/web.yaml",
        "manifest/namespaces/cluster/blog.yaml",
        "manifest/namespaces/cluster/default.yaml",
        "manifest/namespaces/cluster/kube-node-lease.yaml",
        "manifest/namespaces/cluster/kube-public.yaml",
        "manifest/namespaces/cluster/kube-system.yaml",
        "manifest/namespaces/cluster/shop.yaml",
        "manifest/pods/namespaces/shop/web-5d9-abcde.yaml",
        "manifest/replicasets.apps/namespaces/shop/web-5d9.yaml",
        "manifest/secrets/namespaces/shop/db-secret.yaml",
        "manifest/secrets/namespaces/shop/web-secret.yaml",
        "manifest/serviceaccounts/namespaces/shop/web-sa.yaml",
        "manifest/services/namespaces/shop/db.yaml",
        "manifest/services/namespaces/shop/web.yaml",
        "manifest/widgets.example.com/namespaces/blog/w2.yaml",
        "manifest/widgets.example.com/namespaces/shop/w1.yaml",
    ];

    /// <summary>Every file of a dump of Namespace shop (with cluster resources: the Namespace object itself).</summary>
    public static readonly string[] ShopNamespaceFiles =
    [
        "manifest/configmaps/namespaces/shop/unrelated.yaml",
        "manifest/configmaps/namespaces/shop/web-config.yaml",
        "manifest/deployments.apps/namespaces/shop/web.yaml",
        "manifest/namespaces/cluster/shop.yaml",
        "manifest/pods/namespaces/shop/web-5d9-abcde.yaml",
        "manifest/replicasets.apps/namespaces/shop/web-5d9.yaml",
        "manifest/secrets/namespaces/shop/db-secret.yaml",
        "manifest/secrets/namespaces/shop/web-secret.yaml",
        "manifest/serviceaccounts/namespaces/shop/web-sa.yaml",
        "manifest/services/namespaces/shop/db.yaml",
        "manifest/services/namespaces/shop/web.yaml",
        "manifest/widgets.example.com/namespaces/shop/w1.yaml",
    ];

    /// <summary>Every file of a dump of Deployment shop/web with its dependants: owner tree, and what its pods reference.</summary>
    public static readonly string[] WebApplicationFiles =
    [
        "manifest/configmaps/namespaces/shop/web-config.yaml",
        "manifest/deployments.apps/namespaces/shop/web.yaml",
        "manifest/pods/namespaces/shop/web-5d9-abcde.yaml",
        "manifest/replicasets.apps/namespaces/shop/web-5d9.yaml",
        "manifest/secrets/namespaces/shop/web-secret.yaml",
        "manifest/serviceaccounts/namespaces/shop/web-sa.yaml",
        "manifest/services/namespaces/shop/web.yaml",
    ];

    public static async Task<SeededCluster> StartAsync()
    {
        var server = new LocalClusterServer();
        await server.StartAsync();
        var cluster = new SeededCluster(server, server.CreateClient());
        await SeedAsync(server);
        return cluster;
    }

    /// <summary>Creates the known content in <paramref name="server"/> (which must not hold it yet).</summary>
    public static async Task SeedAsync(LocalClusterServer server)
    {
        await server.LoadYamlAsync(WidgetCrd);
        await server.LoadYamlAsync(Content);
        var deployment = await server.CreateObjectAsync(Parse($$$"""
            {"apiVersion": "apps/v1", "kind": "Deployment",
             "metadata": {"name": "web", "namespace": "shop", "labels": {"app": "web"}},
             "spec": {"replicas": 1, "selector": {"matchLabels": {"app": "web"}},
                      "template": {"metadata": {"labels": {"app": "web"}}, "spec": {{{PodSpec}}} } } }
            """));
        var replicaSet = await server.CreateObjectAsync(Parse($$$"""
            {"apiVersion": "apps/v1", "kind": "ReplicaSet",
             "metadata": {"name": "web-5d9", "namespace": "shop", "labels": {"app": "web", "pod-template-hash": "5d9"},
                          "ownerReferences": [{"apiVersion": "apps/v1", "kind": "Deployment", "name": "web", "uid": "{{{Uid(deployment)}}}", "controller": true, "blockOwnerDeletion": true}]},
             "spec": {"replicas": 1, "selector": {"matchLabels": {"app": "web", "pod-template-hash": "5d9"}},
                      "template": {"metadata": {"labels": {"app": "web", "pod-template-hash": "5d9"}}, "spec": {{{PodSpec}}} } } }
            """));
        await server.CreateObjectAsync(Parse($$$"""
            {"apiVersion": "v1", "kind": "Pod",
             "metadata": {"name": "web-5d9-abcde", "namespace": "shop", "labels": {"app": "web", "pod-template-hash": "5d9"},
                          "ownerReferences": [{"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "web-5d9", "uid": "{{{Uid(replicaSet)}}}", "controller": true, "blockOwnerDeletion": true}]},
             "spec": {"nodeName": "node-1", "serviceAccountName": "web-sa",
                      "containers": [{"name": "web", "image": "nginx:1.27",
                        "envFrom": [{"secretRef": {"name": "web-secret"}}],
                        "volumeMounts": [{"name": "config", "mountPath": "/usr/share/nginx/html"},
                                         {"name": "kube-api-access-x1y2z", "mountPath": "/var/run/secrets/kubernetes.io/serviceaccount", "readOnly": true}]}],
                      "volumes": [{"name": "config", "configMap": {"name": "web-config"}},
                                  {"name": "kube-api-access-x1y2z", "projected": {"sources": [{"serviceAccountToken": {"path": "token", "expirationSeconds": 3607}}]}}]}}
            """));
    }

    /// <summary>Runs <c>KubeStash.Dumper</c> in-process with <paramref name="args"/> (the kubeconfig is added).</summary>
    public async Task<DumperRun> RunAsync(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var env = environment ?? new Dictionary<string, string>();
        var code = await DumperProgram.RunAsync([.. args, $"--kubeconfig={KubeconfigPath}"], stdout, stderr, env, CancellationToken.None);
        return new DumperRun(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Dumps to a fresh directory and returns it.</summary>
    public async Task<string> DumpToDirectoryAsync(params string[] args)
    {
        var output = Path.Combine(root, Guid.NewGuid().ToString("N")[..8]);
        var run = await RunAsync(null, ["backup", $"--output={output}", .. args]);
        run.ExitCode.Should().Be(0, "the dump should succeed: {0}", run.Stderr + run.Stdout);
        return output;
    }

    public static string[] Files(string directory) =>
        !Directory.Exists(directory) ? [] :
        [.. Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(directory, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)];

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static JsonObject Parse(string json) => (JsonObject)JsonNode.Parse(json)!;

    private static string Uid(JsonObject created) => created["metadata"]!["uid"]!.GetValue<string>();
}
