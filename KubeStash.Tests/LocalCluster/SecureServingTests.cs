using System.Net;
using k8s;
using KubeStash.LocalCluster;

namespace KubeStash.Tests.LocalCluster;

/// <summary>HTTPS with the kubeconfig trusting the server's certificate, and bearer-token authentication.</summary>
public sealed class SecureServingTests
{
    [Test]
    public async Task Kubectl_and_the_client_reach_an_https_server_with_a_token_and_strangers_are_refused()
    {
        await using var server = new LocalClusterServer(new LocalClusterOptions { UseHttps = true, BearerToken = "s3cret-token" });
        await server.StartAsync();
        server.BaseAddress.Scheme.Should().Be("https");

        var cache = Directory.CreateTempSubdirectory("kubectl-cache-").FullName;
        try
        {
            var kubectl = new Kubectl(server.KubeconfigPath, cache);
            (await kubectl.RunAsync("get namespaces -o name")).ShouldSucceed().Stdout.Should().Contain("namespace/kube-system");
        }
        finally
        {
            Directory.Delete(cache, recursive: true);
        }

        using var client = server.CreateClient();
        (await client.CoreV1.ListNamespaceAsync()).Items.Should().Contain(n => n.Metadata.Name == "default");

        using var stranger = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator });
        var refused = await stranger.GetAsync(new Uri(server.BaseAddress, "/api/v1/namespaces"));
        refused.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}
