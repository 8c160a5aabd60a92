using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using KubeStash.LocalCluster;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace KubeStash.Tests.LocalCluster;

/// <summary>Admission webhooks registered through the API are called over HTTP like kube-apiserver calls them.</summary>
public sealed class AdmissionWebhookTests
{
    private LocalClusterServer _server = null!;
    private IKubernetes _client = null!;
    private WebApplication _webhook = null!;
    private string _webhookUrl = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _webhook = builder.Build();
        _webhook.MapPost("/validate", async (HttpContext context) =>
        {
            var review = (await JsonNode.ParseAsync(context.Request.Body))!;
            var request = review["request"]!;
            var labels = request["object"]?["metadata"]?["labels"] as JsonObject;
            var denied = labels?["deny"]?.GetValue<string>() == "true";
            var response = new JsonObject
            {
                ["uid"] = request["uid"]!.GetValue<string>(),
                ["allowed"] = !denied,
                ["warnings"] = new JsonArray("validated by the test webhook"),
            };
            if (denied)
            {
                response["status"] = new JsonObject { ["code"] = 403, ["message"] = $"{request["name"]} carries deny=true" };
            }
            return Results.Json(new JsonObject { ["apiVersion"] = "admission.k8s.io/v1", ["kind"] = "AdmissionReview", ["response"] = response });
        });
        _webhook.MapPost("/mutate", async (HttpContext context) =>
        {
            var review = (await JsonNode.ParseAsync(context.Request.Body))!;
            var request = review["request"]!;
            var patch = "[{\"op\":\"add\",\"path\":\"/data/mutated\",\"value\":\"yes\"}]";
            return Results.Json(new JsonObject
            {
                ["apiVersion"] = "admission.k8s.io/v1",
                ["kind"] = "AdmissionReview",
                ["response"] = new JsonObject
                {
                    ["uid"] = request["uid"]!.GetValue<string>(),
                    ["allowed"] = true,
                    ["patchType"] = "JSONPatch",
                    ["patch"] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(patch)),
                },
            });
        });
        await _webhook.StartAsync();
        _webhookUrl = _webhook.Urls.First();

        _server = new LocalClusterServer();
        await _server.StartAsync();
        _client = _server.CreateClient();
        await _client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "guarded" } });
        await _client.AdmissionregistrationV1.CreateValidatingWebhookConfigurationAsync(new V1ValidatingWebhookConfiguration
        {
            Metadata = new V1ObjectMeta { Name = "deny-labelled" },
            Webhooks =
            [
                new V1ValidatingWebhook
                {
                    Name = "deny.test.kubestash.com",
                    AdmissionReviewVersions = ["v1"],
                    SideEffects = "None",
                    ClientConfig = new Admissionregistrationv1WebhookClientConfig { Url = $"{_webhookUrl}/validate" },
                    Rules = [new V1RuleWithOperations { ApiGroups = [""], ApiVersions = ["v1"], Resources = ["configmaps"], Operations = ["CREATE", "UPDATE"] }],
                    NamespaceSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["kubernetes.io/metadata.name"] = "guarded" } },
                },
            ],
        });
        await _client.AdmissionregistrationV1.CreateMutatingWebhookConfigurationAsync(new V1MutatingWebhookConfiguration
        {
            Metadata = new V1ObjectMeta { Name = "mark-mutated" },
            Webhooks =
            [
                new V1MutatingWebhook
                {
                    Name = "mutate.test.kubestash.com",
                    AdmissionReviewVersions = ["v1"],
                    SideEffects = "None",
                    ClientConfig = new Admissionregistrationv1WebhookClientConfig { Url = $"{_webhookUrl}/mutate" },
                    Rules = [new V1RuleWithOperations { ApiGroups = [""], ApiVersions = ["v1"], Resources = ["configmaps"], Operations = ["CREATE"] }],
                    ObjectSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["mutate"] = "true" } },
                },
            ],
        });
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
        await _webhook.DisposeAsync();
    }

    [Test]
    public async Task A_validating_webhook_denial_reaches_the_client_with_the_webhook_message()
    {
        var denied = await FluentActions.Awaiting(() => _client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("blocked", "deny"), "guarded"))
            .Should().ThrowAsync<HttpOperationException>();
        denied.Which.Response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var status = KubernetesJson.Deserialize<V1Status>(denied.Which.Response.Content);
        status.Message.Should().Be("admission webhook \"deny.test.kubestash.com\" denied the request: blocked carries deny=true");
        (await _client.CoreV1.ListNamespacedConfigMapAsync("guarded")).Items.Should().BeEmpty();
    }

    [Test]
    public async Task Allowed_requests_pass_and_the_namespace_selector_limits_the_webhook()
    {
        var allowed = await _client.CoreV1.CreateNamespacedConfigMapWithHttpMessagesAsync(ConfigMap("fine"), "guarded");
        allowed.Response.Headers.GetValues("Warning").Should().Contain("299 - \"validated by the test webhook\"");
        await _client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("elsewhere", "deny"), "default");
    }

    [Test]
    public async Task A_mutating_webhook_patch_is_applied_to_matching_objects_only()
    {
        var mutated = await _client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("to-mutate", "mutate"), "default");
        mutated.Data.Should().Contain("mutated", "yes");
        var plain = await _client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("plain"), "default");
        plain.Data.Should().NotContainKey("mutated");
    }

    private static V1ConfigMap ConfigMap(string name, string? flag = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = flag is null ? null : new Dictionary<string, string> { [flag] = "true" } },
        Data = new Dictionary<string, string> { ["key"] = "value" },
    };
}
