using k8s;
using k8s.KubeConfigModels;

namespace KubeStash.LocalCluster.Workloads;

/// <summary>
/// A kubeconfig pointing at <paramref name="server"/> with the bearer token <paramref name="tokenFor"/> gives the
/// service account, trusting <paramref name="certificateAuthorityData"/> (base64 PEM) for https servers. Without a
/// token function (a server that does not authenticate) the token only names the service account,
/// <c>serviceaccount:&lt;namespace&gt;:&lt;name&gt;</c>: KubernetesClient refuses kubeconfig users with no credentials.
/// </summary>
public sealed class ServerKubeconfigProvider(
    Uri server,
    Func<string, string, string?>? tokenFor = null,
    string? certificateAuthorityData = null) : IServiceAccountKubeconfigProvider
{
    public string CreateKubeconfig(string @namespace, string serviceAccountName)
    {
        var user = $"system:serviceaccount:{@namespace}:{serviceAccountName}";
        var config = new K8SConfiguration
        {
            ApiVersion = "v1",
            Kind = "Config",
            CurrentContext = "local",
            Clusters = [new Cluster { Name = "local", ClusterEndpoint = new ClusterEndpoint { Server = server.ToString().TrimEnd('/'), CertificateAuthorityData = certificateAuthorityData } }],
            Users = [new User { Name = user, UserCredentials = new UserCredentials { Token = Token(@namespace, serviceAccountName) } }],
            Contexts = [new Context { Name = "local", ContextDetails = new ContextDetails { Cluster = "local", User = user, Namespace = @namespace } }],
        };
        return KubernetesYaml.Serialize(config);
    }

    private string Token(string @namespace, string serviceAccountName) =>
        tokenFor is null
            ? $"serviceaccount:{@namespace}:{serviceAccountName}"
            : tokenFor(@namespace, serviceAccountName) ?? throw new InvalidOperationException($"no token for service account {@namespace}/{serviceAccountName}");
}
