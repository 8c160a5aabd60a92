namespace KubeStash.Tests.Dumper;

/// <summary>KubeStash's kubedump filter flags over a known cluster: each case lists exactly the files expected.</summary>
public sealed class FilterTests
{
    private const string Cm = "manifest/configmaps/namespaces/";
    private const string Ns = "manifest/namespaces/cluster/";
    private SeededCluster cluster = null!;

    private static readonly string[] AllNamespaced =
    [
        Cm + "blog/blog-config.yaml", Cm + "shop/unrelated.yaml", Cm + "shop/web-config.yaml",
        "manifest/deployments.apps/namespaces/shop/web.yaml",
        Ns + "blog.yaml", Ns + "default.yaml", Ns + "kube-node-lease.yaml", Ns + "kube-public.yaml", Ns + "kube-system.yaml", Ns + "shop.yaml",
        "manifest/pods/namespaces/shop/web-5d9-abcde.yaml", "manifest/replicasets.apps/namespaces/shop/web-5d9.yaml",
        "manifest/secrets/namespaces/shop/db-secret.yaml", "manifest/secrets/namespaces/shop/web-secret.yaml",
        "manifest/serviceaccounts/namespaces/shop/web-sa.yaml",
        "manifest/services/namespaces/shop/db.yaml", "manifest/services/namespaces/shop/web.yaml",
        "manifest/widgets.example.com/namespaces/blog/w2.yaml", "manifest/widgets.example.com/namespaces/shop/w1.yaml",
    ];

    public static IEnumerable<TestCaseData> Cases()
    {
        yield return Case("plural name", ["--include-resources=configmaps"], Cm + "blog/blog-config.yaml", Cm + "shop/unrelated.yaml", Cm + "shop/web-config.yaml");
        yield return Case("plural.group", ["--include-resources=deployments.apps"], "manifest/deployments.apps/namespaces/shop/web.yaml");
        yield return Case("plural of a non-core group", ["--include-resources=deployments"], "manifest/deployments.apps/namespaces/shop/web.yaml");
        yield return Case("custom resource by plural.group", ["--include-resources=widgets.example.com"], "manifest/widgets.example.com/namespaces/blog/w2.yaml", "manifest/widgets.example.com/namespaces/shop/w1.yaml");
        yield return Case("resources and one namespace", ["--include-resources=configmaps,secrets", "--include-namespaces=blog"], Cm + "blog/blog-config.yaml");
        yield return Case(
            "exclude a namespace",
            ["--include-resources=*", "--exclude-namespaces=shop"],
            Cm + "blog/blog-config.yaml", Ns + "blog.yaml", Ns + "default.yaml", Ns + "kube-node-lease.yaml", Ns + "kube-public.yaml", Ns + "kube-system.yaml",
            "manifest/widgets.example.com/namespaces/blog/w2.yaml");
        yield return Case("defaults: no cluster resources", [], AllNamespaced);
        yield return Case("empty values mean not given", ["--include-namespaces=", "--include-resources=", "--and-label-selectors=", "--or-label-selectors=", "--include-cluster-resources="], AllNamespaced);
        yield return Case("cluster resources on", ["--include-cluster-resources=true", "--include-resources=clusterroles.rbac.authorization.k8s.io"], "manifest/clusterroles.rbac.authorization.k8s.io/cluster/shop-reader.yaml");
        yield return Case("cluster resources off", ["--include-cluster-resources=false", "--include-resources=clusterroles,customresourcedefinitions"]);
        yield return Case(
            "exclude resources within a namespace",
            ["--include-namespaces=shop", "--exclude-resources=secrets,pods,replicasets.apps"],
            Cm + "shop/unrelated.yaml", Cm + "shop/web-config.yaml", "manifest/deployments.apps/namespaces/shop/web.yaml", Ns + "shop.yaml",
            "manifest/serviceaccounts/namespaces/shop/web-sa.yaml", "manifest/services/namespaces/shop/db.yaml", "manifest/services/namespaces/shop/web.yaml",
            "manifest/widgets.example.com/namespaces/shop/w1.yaml");
        yield return Case("exclude *", ["--include-namespaces=*", "--exclude-resources=*"]);
        yield return Case("AND with k:v", ["--and-label-selectors=app:web", "--include-resources=configmaps,secrets"], Cm + "shop/web-config.yaml", "manifest/secrets/namespaces/shop/web-secret.yaml");
        yield return Case("AND with two k=v", ["--and-label-selectors=app=web,tier=frontend"], Cm + "shop/web-config.yaml");
        yield return Case("AND with a bare key", ["--and-label-selectors=tier"], Cm + "blog/blog-config.yaml", Cm + "shop/web-config.yaml", "manifest/secrets/namespaces/shop/db-secret.yaml");
        yield return Case(
            "OR with k:v and k=v",
            ["--or-label-selectors=app:db,tier=frontend"],
            Cm + "blog/blog-config.yaml", Cm + "shop/web-config.yaml", "manifest/secrets/namespaces/shop/db-secret.yaml", "manifest/services/namespaces/shop/db.yaml");
        yield return Case("AND and OR together", ["--and-label-selectors=app=web", "--or-label-selectors=tier:frontend,missing"], Cm + "shop/web-config.yaml");
        yield return Case(
            "OR with a bare key across scopes",
            ["--or-label-selectors=team", "--include-cluster-resources=true"],
            "manifest/clusterroles.rbac.authorization.k8s.io/cluster/shop-reader.yaml", Ns + "shop.yaml");
        yield return Case("older --label-selector is AND", ["--label-selector=app=db"], "manifest/secrets/namespaces/shop/db-secret.yaml", "manifest/services/namespaces/shop/db.yaml");
        yield return Case(
            "resource names are case-insensitive",
            ["--include-resources=NAMESPACES", "--exclude-namespaces=kube-system,kube-public,kube-node-lease"],
            Ns + "blog.yaml", Ns + "default.yaml", Ns + "shop.yaml");
        yield return Case(
            "two included namespaces",
            ["--include-namespaces=shop,blog", "--include-resources=widgets"],
            "manifest/widgets.example.com/namespaces/blog/w2.yaml", "manifest/widgets.example.com/namespaces/shop/w1.yaml");
    }

    [OneTimeSetUp]
    public async Task StartAsync() => cluster = await SeededCluster.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await cluster.DisposeAsync();

    [TestCaseSource(nameof(Cases))]
    public async Task Filters_select_exactly_the_expected_objects(string[] flags, string[] expected)
    {
        var output = await cluster.DumpToDirectoryAsync(flags);
        SeededCluster.Files(output).Should().Equal(expected.Order(StringComparer.Ordinal));
    }

    private static TestCaseData Case(string name, string[] flags, params string[] expected) =>
        new TestCaseData(flags, expected).SetArgDisplayNames(name);
}
