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

    /// <summary>
    /// Pods reach the server the way <paramref name="kubeconfigPath"/>'s current context does: same server, CA and
    /// bearer token (the one identity a server with a single token has), with the pod's namespace.
    /// </summary>
    public static ServerKubeconfigProvider FromKubeconfig(string kubeconfigPath)
    {
        var config = KubernetesClientConfiguration.LoadKubeConfig(kubeconfigPath);
        var context = config.Contexts?.FirstOrDefault(c => c.Name == config.CurrentContext)
            ?? throw new ArgumentException($"kubeconfig {kubeconfigPath}: current-context \"{config.CurrentContext}\" is not among its contexts", nameof(kubeconfigPath));
        var cluster = config.Clusters?.FirstOrDefault(c => c.Name == context.ContextDetails?.Cluster)
            ?? throw new ArgumentException($"kubeconfig {kubeconfigPath}: cluster \"{context.ContextDetails?.Cluster}\" of context \"{context.Name}\" is missing", nameof(kubeconfigPath));
        var endpoint = cluster.ClusterEndpoint ?? throw new ArgumentException($"kubeconfig {kubeconfigPath}: cluster \"{cluster.Name}\" has no server", nameof(kubeconfigPath));
        var caData = endpoint.CertificateAuthorityData;
        if (caData is null && !string.IsNullOrEmpty(endpoint.CertificateAuthority))
        {
            caData = Convert.ToBase64String(File.ReadAllBytes(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(kubeconfigPath))!, endpoint.CertificateAuthority)));
        }

        var token = config.Users?.FirstOrDefault(u => u.Name == context.ContextDetails?.User)?.UserCredentials?.Token;
        return new ServerKubeconfigProvider(new Uri(endpoint.Server), string.IsNullOrEmpty(token) ? null : (_, _) => token, caData);
    }

    private string Token(string @namespace, string serviceAccountName) =>
        tokenFor is null
            ? $"serviceaccount:{@namespace}:{serviceAccountName}"
            : tokenFor(@namespace, serviceAccountName) ?? throw new InvalidOperationException($"no token for service account {@namespace}/{serviceAccountName}");
}
