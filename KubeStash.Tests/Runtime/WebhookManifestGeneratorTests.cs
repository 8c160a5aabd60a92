using KubeStash.Operator.Runtime.Generation;
using KubeStash.Operator.Runtime.Webhooks;

namespace KubeStash.Tests.Runtime;

public sealed class WebhookManifestGeneratorTests
{
    [Test]
    public void A_validation_webhook_becomes_a_kubebuilder_style_configuration_with_its_overridden_operations()
    {
        var yaml = WebhookManifestGenerator.Generate([WebhookRegistration.ForValidation<TestWidgetValidator, TestWidget>()]);

        yaml.Should().Be(
            """
            ---
            apiVersion: admissionregistration.k8s.io/v1
            kind: ValidatingWebhookConfiguration
            metadata:
              name: validating-webhook-configuration
            webhooks:
            - admissionReviewVersions:
              - v1
              clientConfig:
                service:
                  name: webhook-service
                  namespace: system
                  path: /validate-runtime-test-example-com-v1-testwidget
              failurePolicy: Fail
              name: vtestwidget.runtime.test.example.com
              rules:
              - apiGroups:
                - runtime.test.example.com
                apiVersions:
                - v1
                operations:
                - CREATE
                - UPDATE
                resources:
                - testwidgets
              sideEffects: None

            """.ReplaceLineEndings("\n"));
    }

    [Test]
    public void Mutation_webhooks_go_first_into_a_mutating_configuration()
    {
        var yaml = WebhookManifestGenerator.Generate(
        [
            WebhookRegistration.ForValidation<TestWidgetValidator, TestWidget>(),
            WebhookRegistration.ForMutation<TestWidgetDefaulter, TestWidget>(),
        ]);

        var documents = yaml.Split("---\n", StringSplitOptions.RemoveEmptyEntries);
        documents.Should().HaveCount(2);
        documents[0].Should().Contain("kind: MutatingWebhookConfiguration")
            .And.Contain("name: mutating-webhook-configuration")
            .And.Contain("path: /mutate-runtime-test-example-com-v1-testwidget")
            .And.Contain("name: mtestwidget.runtime.test.example.com")
            .And.Contain("- CREATE").And.NotContain("- UPDATE");
        documents[1].Should().Contain("kind: ValidatingWebhookConfiguration");
    }

    [Test]
    public void Json_patch_diff_adds_removes_and_replaces_with_escaped_paths()
    {
        var original = System.Text.Json.Nodes.JsonNode.Parse("""{"a":1,"b":{"c":[1,2],"d/e":"x"},"gone":true}""");
        var modified = System.Text.Json.Nodes.JsonNode.Parse("""{"a":2,"b":{"c":[1,2,3],"d/e":"x","n~":null},"new":{"k":"v"}}""");

        var patch = JsonPatchDiff.Create(original, modified).Select(op => op!.ToJsonString());

        patch.Should().BeEquivalentTo(
            """{"op":"replace","path":"/a","value":2}""",
            """{"op":"replace","path":"/b/c","value":[1,2,3]}""",
            """{"op":"add","path":"/b/n~0","value":null}""",
            """{"op":"remove","path":"/gone"}""",
            """{"op":"add","path":"/new","value":{"k":"v"}}""");
    }

    [Test]
    public void Webhook_classes_are_discovered_among_types_as_the_runtime_registers_them()
    {
        var found = WebhookManifestGenerator.Discover([typeof(TestWidgetValidator), typeof(TestWidgetDefaulter), typeof(TestWidget), typeof(ValidationWebhook<TestWidget>)]);

        found.Select(w => (w.Kind, w.WebhookType, w.Path)).Should().BeEquivalentTo(
        [
            (WebhookKind.Validating, typeof(TestWidgetValidator), "/validate-runtime-test-example-com-v1-testwidget"),
            (WebhookKind.Mutating, typeof(TestWidgetDefaulter), "/mutate-runtime-test-example-com-v1-testwidget"),
        ]);
        WebhookManifestGenerator.Generate(found).Should().Contain("kind: MutatingWebhookConfiguration").And.Contain("kind: ValidatingWebhookConfiguration");
    }

    [Test]
    public void A_discovered_webhook_that_checks_nothing_is_named_in_the_error()
        => FluentActions.Invoking(() => WebhookManifestGenerator.Discover([typeof(IdleValidator)]))
            .Should().Throw<ArgumentException>().WithMessage("*IdleValidator*overrides none*");

    [Test]
    public void Nothing_registered_gives_no_documents()
        => WebhookManifestGenerator.Generate([]).Should().BeEmpty();

    [Test]
    public void A_webhook_that_checks_nothing_is_refused_at_registration()
        => FluentActions.Invoking(WebhookRegistration.ForValidation<IdleValidator, TestWidget>)
            .Should().Throw<ArgumentException>().WithMessage("*IdleValidator*overrides none*");

    private sealed class IdleValidator : ValidationWebhook<TestWidget>;
}
