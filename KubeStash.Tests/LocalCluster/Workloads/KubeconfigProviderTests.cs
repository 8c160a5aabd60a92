using k8s;
using KubeStash.LocalCluster.Workloads;

namespace KubeStash.Tests.LocalCluster.Workloads;

public sealed class KubeconfigProviderTests
{
    [Test]
    public void Kubeconfig_points_at_the_server_with_the_service_account_token_and_namespace()
    {
        var yaml = new ServerKubeconfigProvider(new Uri("http://127.0.0.1:8123/"), (ns, sa) => $"token-for-{ns}-{sa}").CreateKubeconfig("demo", "dumper");

        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, yaml);
            var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(path);

            config.Host.Should().Be("http://127.0.0.1:8123");
            config.AccessToken.Should().Be("token-for-demo-dumper");
            config.Namespace.Should().Be("demo");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Without_a_token_function_the_token_names_the_service_account_so_clients_accept_the_file()
    {
        var yaml = new ServerKubeconfigProvider(new Uri("http://127.0.0.1:8123")).CreateKubeconfig("demo", "default");
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, yaml);

            KubernetesClientConfiguration.BuildConfigFromConfigFile(path).AccessToken.Should().Be("serviceaccount:demo:default");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
