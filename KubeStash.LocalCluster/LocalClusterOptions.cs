
namespace KubeStash.LocalCluster;

/// <summary>How a <see cref="LocalClusterServer"/> listens, authenticates, and how much history it keeps.</summary>
public sealed class LocalClusterOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>When set, every request must carry "Authorization: Bearer &lt;token&gt;" (the kubeconfig has it).</summary>
    public string? BearerToken { get; init; }

    /// <summary>Serve HTTPS with a fresh self-signed certificate; the kubeconfig then carries it as certificate-authority-data.</summary>
    public bool UseHttps { get; init; }

    /// <summary>How many changes are retained for watch replay and consistent paging before compaction.</summary>
    public int HistoryLimit { get; init; } = 50_000;

    /// <summary>How often watches that allow bookmarks receive one.</summary>
    public TimeSpan BookmarkInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Where to write the kubeconfig; by default a fresh temporary directory.</summary>
    public string? KubeconfigPath { get; init; }

    /// <summary>
    /// Local addresses of in-cluster Services that admission webhooks reference by clientConfig.service,
    /// keyed "namespace/name" (the service port and path are applied on top).
    /// </summary>
    public IReadOnlyDictionary<string, Uri> WebhookServices { get; init; } = new Dictionary<string, Uri>();

    /// <summary>Container output for <c>pods/log</c>, typically the local kubelet's log store; without it logs answer 400 like a pod not started.</summary>
    public IPodLogSource? PodLogs { get; init; }

    /// <summary>Where the server logs; none by default.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }
}
