using k8s;
using k8s.Models;
using KubeStash.Operator.Runtime.Generation;
using KubeStash.Operator.Runtime.Webhooks;
using KubeStash.Tests.Generation.Samples;

namespace KubeStash.Tests.Generation;

[TestFixture]
public sealed class CustomResourceDefinitionTests
{
    private IReadOnlyList<GeneratedManifest> _manifests = null!;

    [OneTimeSetUp]
    public void Generate() =>
        _manifests = new ManifestGenerator(new XmlDocumentation()).Generate(
            [typeof(Widget), typeof(Gadget), typeof(WidgetSpec), typeof(string)], [typeof(WidgetReconcilerRbac)], "operator-role");

    private V1CustomResourceDefinition Crd(string path) =>
        KubernetesYaml.Deserialize<V1CustomResourceDefinition>(_manifests.Single(m => m.RelativePath == path).Content);

    [Test]
    public void One_file_per_entity_in_kubebuilder_naming_plus_kustomization_and_role()
    {
        _manifests.Select(m => m.RelativePath).Should().Equal(
            "crd/bases/generation.test.example_gadgets.yaml",
            "crd/bases/generation.test.example_widgets.yaml",
            "crd/kustomization.yaml",
            "rbac/role.yaml");
        _manifests.Single(m => m.RelativePath == "crd/kustomization.yaml").Content.Should().EndWith(
            "resources:\n- bases/generation.test.example_gadgets.yaml\n- bases/generation.test.example_widgets.yaml\n");
        _manifests.Should().OnlyContain(m => m.Content.StartsWith('#') && !m.Content.Contains('\r'));
    }

    [Test]
    public void Widget_crd_has_names_scope_status_and_printer_columns()
    {
        var crd = Crd("crd/bases/generation.test.example_widgets.yaml");
        crd.ApiVersion.Should().Be("apiextensions.k8s.io/v1");
        crd.Kind.Should().Be("CustomResourceDefinition");
        crd.Metadata.Name.Should().Be("widgets.generation.test.example");
        crd.Spec.Group.Should().Be("generation.test.example");
        crd.Spec.Scope.Should().Be("Namespaced");
        crd.Spec.Names.Should().BeEquivalentTo(new V1CustomResourceDefinitionNames
        {
            Kind = "Widget",
            ListKind = "WidgetList",
            Plural = "widgets",
            Singular = "widget",
            ShortNames = ["wd", "wdg"],
            Categories = ["testing", "all-widgets"],
        });
        var version = crd.Spec.Versions.Should().ContainSingle().Subject;
        version.Should().BeEquivalentTo(new { Name = "v1alpha1", Served = true, Storage = true });
        version.Subresources.Status.Should().NotBeNull();
        version.AdditionalPrinterColumns.Should().BeEquivalentTo(
            [
                new V1CustomResourceColumnDefinition { Name = "Phase", Type = "string", JsonPath = ".status.phase" },
                new V1CustomResourceColumnDefinition { Name = "Replicas", Type = "integer", JsonPath = ".spec.replicas", Priority = 1, Description = "Desired replicas" },
                new V1CustomResourceColumnDefinition { Name = "Age", Type = "date", JsonPath = ".metadata.creationTimestamp" },
            ],
            o => o.WithStrictOrdering());
    }

    [Test]
    public void Gadget_crd_is_cluster_scoped_without_status_subresource()
    {
        var crd = Crd("crd/bases/generation.test.example_gadgets.yaml");
        crd.Spec.Scope.Should().Be("Cluster");
        crd.Spec.Versions.Single().Subresources.Should().BeNull();
        crd.Spec.Versions.Single().AdditionalPrinterColumns.Should().BeNull();
        crd.Spec.Names.ShortNames.Should().BeNull();
        crd.Spec.Versions.Single().Schema.OpenAPIV3Schema.Properties.Keys.Should().Equal("apiVersion", "kind", "metadata", "spec");
    }

    [Test]
    public void Generated_yaml_round_trips_through_the_kubernetes_serializer()
    {
        foreach (var manifest in _manifests.Where(m => m.RelativePath.StartsWith("crd/bases/", StringComparison.Ordinal)))
        {
            var body = manifest.Content[(manifest.Content.IndexOf('\n', StringComparison.Ordinal) + 1)..];
            KubernetesYaml.Serialize(KubernetesYaml.Deserialize<V1CustomResourceDefinition>(body)).Should().Be(body, manifest.RelativePath);
        }
    }

    [Test]
    public void Generation_is_deterministic()
    {
        var again = new ManifestGenerator(new XmlDocumentation()).Generate(
            [typeof(string), typeof(Gadget), typeof(Widget)], [typeof(WidgetReconcilerRbac)], "operator-role");
        again.Should().BeEquivalentTo(_manifests, o => o.WithStrictOrdering());
    }

    [Test]
    public void Webhook_configurations_join_the_set_when_webhooks_are_given()
    {
        var generator = new ManifestGenerator(new XmlDocumentation());
        var none = generator.Generate([typeof(Gadget)], [], "operator-role", webhooks: []);
        var one = generator.Generate(
            [typeof(Gadget)], [], "operator-role", [WebhookRegistration.ForValidation<Runtime.TestWidgetValidator, Runtime.TestWidget>()]);

        _manifests.Should().NotContain(m => m.RelativePath == ManifestGenerator.WebhookManifestsPath, "no webhooks were given");
        none.Single(m => m.RelativePath == "webhook/manifests.yaml").Content.Should().BeEmpty();
        one.Single(m => m.RelativePath == "webhook/manifests.yaml").Content.Should()
            .Contain("kind: ValidatingWebhookConfiguration").And.Contain("path: /validate-runtime-test-example-com-v1-testwidget");
    }

    [Test]
    public async Task Writing_replaces_stale_crds_and_keeps_other_files()
    {
        var root = Directory.CreateTempSubdirectory("crdgen-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "crd", "bases"));
            await File.WriteAllTextAsync(Path.Combine(root, "crd", "bases", "old.example_things.yaml"), "stale");
            Directory.CreateDirectory(Path.Combine(root, "rbac"));
            await File.WriteAllTextAsync(Path.Combine(root, "rbac", "service_account.yaml"), "kept");

            await ManifestGenerator.WriteAsync(root, _manifests, CancellationToken.None);

            File.Exists(Path.Combine(root, "crd", "bases", "old.example_things.yaml")).Should().BeFalse();
            (await File.ReadAllTextAsync(Path.Combine(root, "rbac", "service_account.yaml"))).Should().Be("kept");
            foreach (var manifest in _manifests)
            {
                (await File.ReadAllTextAsync(Path.Combine(root, manifest.RelativePath))).Should().Be(manifest.Content);
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
