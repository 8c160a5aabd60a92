using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using k8s;
using KubeStash.Operator.Runtime.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KubeStash.Tests.Runtime;

/// <summary>Admission webhooks, probes and metrics served by the runtime's host on a real Kestrel port.</summary>
public sealed class WebhookServerTests
{
    private const string ValidatePath = "/validate-runtime-test-example-com-v1-testwidget";

    private static async Task<(WebApplication App, Uri BaseUri)> StartAsync(string? certificateDirectory = null, int? probePort = null, int? metricsPort = null)
    {
        var port = FreePort.Next();
        var builder = OperatorWebApplication.CreateBuilder([], new OperatorServerOptions
        {
            BindAddress = "127.0.0.1",
            WebhookPort = port,
            ProbePort = probePort ?? port,
            MetricsPort = metricsPort ?? port,
            AllowPlainHttpWebhooks = certificateDirectory is null,
            CertificateDirectory = certificateDirectory ?? Path.Combine(Path.GetTempPath(), "no-certificates-" + Guid.NewGuid()),
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // No watches are registered, so the client is never called; it only has to be constructible.
        builder.Services.AddSingleton(new KubernetesClientConfiguration { Host = "http://127.0.0.1:9" });
        builder.Services.AddKubernetesOperator(options => options.Name = "webhook-test")
            .AddValidationWebhook<TestWidgetValidator, TestWidget>()
            .AddMutationWebhook<TestWidgetDefaulter, TestWidget>();
        var app = builder.Build();
        app.MapOperatorEndpoints();
        await app.StartAsync();
        return (app, new Uri($"{(certificateDirectory is null ? "http" : "https")}://127.0.0.1:{port}"));
    }

    private static JsonObject Review(string operation, int size, int? oldSize = null)
    {
        var request = new JsonObject
        {
            ["uid"] = "6b1c4f8e-0000-4000-8000-000000000001",
            ["kind"] = new JsonObject { ["group"] = TestWidget.Group, ["version"] = "v1", ["kind"] = "TestWidget" },
            ["resource"] = new JsonObject { ["group"] = TestWidget.Group, ["version"] = "v1", ["resource"] = "testwidgets" },
            ["operation"] = operation,
            ["name"] = "w1",
            ["namespace"] = "default",
            ["object"] = JsonNode.Parse(KubernetesJson.Serialize(TestWidget.Create("w1", size: size))),
            ["dryRun"] = false,
        };
        if (oldSize is { } old)
        {
            request["oldObject"] = JsonNode.Parse(KubernetesJson.Serialize(TestWidget.Create("w1", size: old)));
        }

        return new JsonObject { ["apiVersion"] = "admission.k8s.io/v1", ["kind"] = "AdmissionReview", ["request"] = request };
    }

    private static async Task<JsonNode> PostAsync(HttpClient http, Uri baseUri, JsonObject review, string path = ValidatePath)
    {
        using var response = await http.PostAsJsonAsync(new Uri(baseUri, path), review);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    [Test]
    public async Task A_valid_object_is_allowed_and_the_review_echoes_the_uid()
    {
        var (app, baseUri) = await StartAsync();
        await using var _ = app;
        using var http = new HttpClient();

        var answer = await PostAsync(http, baseUri, Review("CREATE", 3));

        answer["apiVersion"]!.GetValue<string>().Should().Be("admission.k8s.io/v1");
        answer["kind"]!.GetValue<string>().Should().Be("AdmissionReview");
        answer["response"]!["uid"]!.GetValue<string>().Should().Be("6b1c4f8e-0000-4000-8000-000000000001");
        answer["response"]!["allowed"]!.GetValue<bool>().Should().BeTrue();
        answer["response"]!["status"].Should().BeNull();
    }

    [Test]
    public async Task An_invalid_object_is_denied_with_a_message_naming_the_field()
    {
        var (app, baseUri) = await StartAsync();
        await using var _ = app;
        using var http = new HttpClient();

        var answer = await PostAsync(http, baseUri, Review("CREATE", 0));

        answer["response"]!["allowed"]!.GetValue<bool>().Should().BeFalse();
        answer["response"]!["status"]!["code"]!.GetValue<int>().Should().Be(403);
        answer["response"]!["status"]!["message"]!.GetValue<string>().Should().Be("spec.size: must be at least 1, got 0");
    }

    [Test]
    public async Task Updates_see_the_new_object_and_warnings_are_passed_on()
    {
        var (app, baseUri) = await StartAsync();
        await using var _ = app;
        using var http = new HttpClient();

        var answer = await PostAsync(http, baseUri, Review("UPDATE", 500, oldSize: 0));

        answer["response"]!["allowed"]!.GetValue<bool>().Should().BeTrue();
        answer["response"]!["warnings"]!.AsArray().Select(w => w!.GetValue<string>())
            .Should().Equal("spec.size above 100 makes reconciles slow");
    }

    [Test]
    public async Task A_review_for_another_kind_or_without_the_object_is_refused_with_a_reason()
    {
        var (app, baseUri) = await StartAsync();
        await using var _ = app;
        using var http = new HttpClient();

        var wrongKind = Review("CREATE", 3);
        wrongKind["request"]!["kind"]!["kind"] = "Gadget";
        var refused = await PostAsync(http, baseUri, wrongKind);
        refused["response"]!["allowed"]!.GetValue<bool>().Should().BeFalse();
        refused["response"]!["status"]!["message"]!.GetValue<string>().Should().Contain("not Gadget");

        var noObject = Review("UPDATE", 3);
        refused = await PostAsync(http, baseUri, noObject);
        refused["response"]!["status"]!["message"]!.GetValue<string>().Should().Contain("request.oldObject is missing");

        using var garbage = await http.PostAsync(new Uri(baseUri, ValidatePath), new StringContent("not json"));
        garbage.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task A_mutation_webhook_answers_with_a_json_patch_of_its_changes()
    {
        var (app, baseUri) = await StartAsync();
        await using var _ = app;
        using var http = new HttpClient();

        var answer = await PostAsync(http, baseUri, Review("CREATE", 3), "/mutate-runtime-test-example-com-v1-testwidget");

        var response = answer["response"]!;
        response["allowed"]!.GetValue<bool>().Should().BeTrue();
        response["patchType"]!.GetValue<string>().Should().Be("JSONPatch");
        var patch = JsonNode.Parse(Convert.FromBase64String(response["patch"]!.GetValue<string>()))!.AsArray();
        patch.Select(op => op!.ToJsonString()).Should().BeEquivalentTo(
            """{"op":"add","path":"/metadata/labels","value":{"runtime.test.example.com/defaulted":"true"}}""",
            """{"op":"add","path":"/spec/message","value":"hello"}""");
        response["warnings"]!.AsArray().Select(w => w!.GetValue<string>()).Should().Equal("spec.message defaulted to 'hello'");

        var unchanged = Review("CREATE", 3);
        unchanged["request"]!["object"]!["spec"]!["message"] = "set";
        answer = await PostAsync(http, baseUri, unchanged, "/mutate-runtime-test-example-com-v1-testwidget");
        answer["response"]!["patch"].Should().BeNull();
        answer["response"]!["allowed"]!.GetValue<bool>().Should().BeTrue();
    }

    [Test]
    public async Task Health_readiness_and_metrics_are_served()
    {
        var (app, baseUri) = await StartAsync();
        await using var _ = app;
        using var http = new HttpClient();

        (await http.GetAsync(new Uri(baseUri, "/healthz"))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await http.GetAsync(new Uri(baseUri, "/readyz"))).StatusCode.Should().Be(HttpStatusCode.OK);
        var metrics = await http.GetStringAsync(new Uri(baseUri, "/metrics"));
        metrics.Should().Contain("operator_leader 1");
    }

    [Test]
    public async Task Probes_and_metrics_listen_on_their_own_plain_http_ports()
    {
        var probePort = FreePort.Next();
        var metricsPort = FreePort.Next();
        var (app, _) = await StartAsync(probePort: probePort, metricsPort: metricsPort);
        await using var _ = app;
        using var http = new HttpClient();

        (await http.GetAsync(new Uri($"http://127.0.0.1:{probePort}/readyz"))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await http.GetStringAsync(new Uri($"http://127.0.0.1:{metricsPort}/metrics"))).Should().Contain("operator_leader");
    }

    [Test]
    public async Task Webhooks_are_served_over_tls_from_mounted_certificate_files()
    {
        var directory = Directory.CreateTempSubdirectory("webhook-certs-").FullName;
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=webhook-service.system.svc", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        await File.WriteAllTextAsync(Path.Combine(directory, "tls.crt"), certificate.ExportCertificatePem());
        await File.WriteAllTextAsync(Path.Combine(directory, "tls.key"), key.ExportPkcs8PrivateKeyPem());

        var (app, baseUri) = await StartAsync(directory);
        await using var _ = app;
        string? servedThumbprint = null;
        using var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, served, _, _) =>
            {
                servedThumbprint = served?.Thumbprint;
                return served?.Thumbprint == certificate.Thumbprint;
            },
        };
        using var http = new HttpClient(handler);

        var answer = await PostAsync(http, baseUri, Review("CREATE", 0));

        servedThumbprint.Should().Be(certificate.Thumbprint);
        answer["response"]!["allowed"]!.GetValue<bool>().Should().BeFalse();
        Directory.Delete(directory, recursive: true);
    }
}
