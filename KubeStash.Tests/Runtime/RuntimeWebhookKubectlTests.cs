using KubeStash.LocalCluster;
using KubeStash.Operator.Runtime.Generation;
using KubeStash.Operator.Runtime.Hosting;
using KubeStash.Tests.LocalCluster;
using Microsoft.Extensions.DependencyInjection;

namespace KubeStash.Tests.Runtime;

/// <summary>
/// A webhook registered through the runtime, declared to LocalCluster with the generated webhook manifests (service
/// reference and all), judged by the real kubectl.
/// </summary>
public sealed class RuntimeWebhookKubectlTests
{
    private static string Widget(string name, int size) => $"""
        apiVersion: runtime.test.example.com/v1
        kind: TestWidget
        metadata:
          name: {name}
          namespace: default
        spec:
          size: {size}
        """;

    [Test]
    public async Task Kubectl_apply_of_an_invalid_object_fails_with_the_webhook_message_and_a_valid_one_is_admitted()
    {
        var port = FreePort.Next();
        await using var cluster = new LocalClusterServer(new LocalClusterOptions
        {
            WebhookServices = new Dictionary<string, Uri> { ["system/webhook-service"] = new($"http://127.0.0.1:{port}/") },
        });
        await cluster.StartAsync();
        await cluster.LoadYamlAsync(TestWidgetCrd.Yaml);
        await using var op = await TestOperator.StartAsync(
            cluster,
            "default",
            register: b => b.AddController<WidgetController, TestWidget>().AddValidationWebhook<TestWidgetValidator, TestWidget>(),
            port: port);
        var manifests = WebhookManifestGenerator.Generate(op.Services.GetRequiredService<OperatorBuilder>().Webhooks);
        (await cluster.LoadYamlAsync(manifests)).Should().Be(1);
        var cache = Directory.CreateTempSubdirectory("kubectl-cache-").FullName;
        try
        {
            var kubectl = new Kubectl(cluster.KubeconfigPath, cache);

            var denied = await kubectl.RunAsync("apply -f -", Widget("broken", 0));

            denied.ExitCode.Should().NotBe(0);
            denied.Stderr.Should().Contain(
                "admission webhook \"vtestwidget.runtime.test.example.com\" denied the request: spec.size: must be at least 1, got 0");
            (await kubectl.RunAsync("get testwidgets broken -n default")).ExitCode.Should().NotBe(0, "the object was not stored");

            (await kubectl.RunAsync("apply -f -", Widget("fine", 3))).ShouldSucceed();
            var listed = (await kubectl.RunAsync("get testwidgets -n default -o name")).ShouldSucceed();
            listed.Stdout.Trim().Should().Be("testwidget.runtime.test.example.com/fine");
        }
        finally
        {
            Directory.Delete(cache, recursive: true);
        }
    }
}
