namespace KubeStash.Operator.Runtime.Hosting;

/// <summary>Where the operator's HTTP endpoints listen (kubebuilder's defaults).</summary>
public sealed class OperatorServerOptions
{
    public string BindAddress { get; set; } = "0.0.0.0";

    /// <summary>Admission webhooks (HTTPS when a certificate is present in <see cref="CertificateDirectory"/>).</summary>
    public int WebhookPort { get; set; } = 9443;

    /// <summary>Plain-HTTP /healthz and /readyz (every endpoint is served on every port).</summary>
    public int ProbePort { get; set; } = 8081;

    /// <summary>Plain-HTTP /metrics for Prometheus.</summary>
    public int MetricsPort { get; set; } = 8080;

    /// <summary>Holds tls.crt and tls.key (as cert-manager mounts them); re-read when they change.</summary>
    public string CertificateDirectory { get; set; } = "/tmp/k8s-webhook-server/serving-certs";

    /// <summary>Serve webhooks over plain HTTP even without certificates (local tests only; the API server requires HTTPS).</summary>
    public bool AllowPlainHttpWebhooks { get; set; }
}
