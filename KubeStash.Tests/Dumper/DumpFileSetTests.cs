namespace KubeStash.Tests.Dumper;

/// <summary>Cluster, namespace and application dumps of a known cluster produce exactly the expected files.</summary>
public sealed class DumpFileSetTests
{
    private SeededCluster cluster = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => cluster = await SeededCluster.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await cluster.DisposeAsync();

    [Test]
    public async Task Cluster_dump_with_cluster_resources_writes_every_object_once_in_the_layout()
    {
        var output = await cluster.DumpToDirectoryAsync("--include-cluster-resources=true");
        SeededCluster.Files(output).Should().Equal(SeededCluster.AllFiles);
    }

    [Test]
    public async Task Namespace_dump_writes_the_namespace_and_its_objects_only()
    {
        var output = await cluster.DumpToDirectoryAsync("--target=Namespace/shop", "--include-cluster-resources=true");
        SeededCluster.Files(output).Should().Equal(SeededCluster.ShopNamespaceFiles);
    }

    [Test]
    public async Task Application_dump_with_dependants_follows_the_owner_tree_and_what_the_pods_need()
    {
        var output = await cluster.DumpToDirectoryAsync("--target=Deployment.apps/shop/web", "--include-dependants=true");
        SeededCluster.Files(output).Should().Equal(SeededCluster.WebApplicationFiles);
    }

    [Test]
    public async Task Application_dump_without_dependants_writes_the_target_alone()
    {
        var output = await cluster.DumpToDirectoryAsync("--target=Deployment.apps/shop/web", "--include-dependants=false");
        SeededCluster.Files(output).Should().Equal("manifest/deployments.apps/namespaces/shop/web.yaml");
    }

    [Test]
    public async Task Manifests_are_written_as_a_person_would_with_cluster_fields_stripped()
    {
        var output = await cluster.DumpToDirectoryAsync("--include-namespaces=shop", "--include-resources=services,configmaps,pods");
        var service = await File.ReadAllTextAsync(Path.Combine(output, "manifest/services/namespaces/shop/web.yaml"));
        service.Should().StartWith("apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: shop\n  labels:\n    app: web\nspec:\n");
        service.Should().NotContain("uid:").And.NotContain("resourceVersion").And.NotContain("creationTimestamp").And.NotContain("clusterIP");
        var config = await File.ReadAllTextAsync(Path.Combine(output, "manifest/configmaps/namespaces/shop/web-config.yaml"));
        config.Should().Contain("enabled: \"true\"", "a string that reads as a boolean must stay quoted");
        var pod = await File.ReadAllTextAsync(Path.Combine(output, "manifest/pods/namespaces/shop/web-5d9-abcde.yaml"));
        pod.Should().NotContain("nodeName").And.NotContain("kube-api-access").And.NotContain("ownerReferences").And.NotContain("status:");
        pod.Should().Contain("name: config");
    }

    [Test]
    public async Task Unsanitized_dump_keeps_the_cluster_fields()
    {
        var output = await cluster.DumpToDirectoryAsync("--include-namespaces=shop", "--include-resources=pods", "--sanitize=false");
        var pod = await File.ReadAllTextAsync(Path.Combine(output, "manifest/pods/namespaces/shop/web-5d9-abcde.yaml"));
        pod.Should().Contain("uid:").And.Contain("resourceVersion:").And.Contain("ownerReferences:").And.Contain("nodeName: node-1");
    }

    [Test]
    public async Task Bad_flag_values_fail_with_a_message_naming_the_flag()
    {
        var run = await cluster.RunAsync(null, "backup", "--output=/tmp/never", "--sanitize=perhaps");
        run.ExitCode.Should().NotBe(0);
        run.Stderr.Should().Contain("--sanitize=perhaps");
        var missing = await cluster.RunAsync(null, "backup", "--target=Deployment.apps/shop/nope", "--output=/tmp/never-either");
        missing.ExitCode.Should().NotBe(0);
        missing.Stderr.Should().Contain("Deployment shop/nope does not exist");
    }
}
