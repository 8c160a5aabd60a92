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
    public void Nothing_registered_gives_no_documents()
        => WebhookManifestGenerator.Generate([]).Should().BeEmpty();

    [Test]
    public void A_webhook_that_checks_nothing_is_refused_at_registration()
        => FluentActions.Invoking(WebhookRegistration.ForValidation<IdleValidator, TestWidget>)
            .Should().Throw<ArgumentException>().WithMessage("*IdleValidator*overrides none*");

    private sealed class IdleValidator : ValidationWebhook<TestWidget>;
}
