using System.CommandLine;
using KubeStash.Operator.Backup;
using KubeStash.Operator.Runtime.Hosting;

namespace KubeStash.Operator.Commands;

/// <summary><c>run</c>: the operator itself — every controller, finalizer and webhook, leader election on.</summary>
public static class RunCommand
{
    public static Command Create()
    {
        var kubeconfig = KubeconfigOption.Create();
        var watchNamespace = new Option<string?>("--watch-namespace") { Description = "Watch only this namespace (default: the whole cluster)." };
        var leaseNamespace = new Option<string>("--leader-election-namespace")
        {
            Description = "Namespace of the leader election Lease (default: $POD_NAMESPACE, else kubestash).",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("POD_NAMESPACE") is { Length: > 0 } ns ? ns : "kubestash",
        };
        var noLeaderElection = new Option<bool>("--no-leader-election") { Description = "Run without leader election (a single replica only)." };
        var bind = new Option<string>("--bind-address") { Description = "Address the HTTP endpoints listen on.", DefaultValueFactory = _ => "0.0.0.0" };
        var webhookPort = new Option<int>("--webhook-port") { Description = "Admission webhook port (HTTPS).", DefaultValueFactory = _ => 9443 };
        var probePort = new Option<int>("--health-probe-port") { Description = "/healthz and /readyz port.", DefaultValueFactory = _ => 8081 };
        var metricsPort = new Option<int>("--metrics-port") { Description = "/metrics port.", DefaultValueFactory = _ => 8080 };
        var certDir = new Option<string>("--webhook-cert-dir")
        {
            Description = "Directory holding tls.crt and tls.key for the webhook server.",
            DefaultValueFactory = _ => "/tmp/k8s-webhook-server/serving-certs",
        };
        var plainHttp = new Option<bool>("--webhook-plain-http") { Description = "Serve webhooks over plain HTTP when no certificate exists (local development only)." };
        var image = new Option<string>("--operator-image")
        {
            Description = "Image of this operator, run by the trigger CronJobs (default: $OPERATOR_IMAGE).",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("OPERATOR_IMAGE") is { Length: > 0 } i ? i : new BackupOperatorSettings().OperatorImage,
        };
        var command = new Command("run", "Run the operator: reconcile BackupStorages, Repositories and BackupConfigurations and serve the admission webhooks.")
        {
            kubeconfig, watchNamespace, leaseNamespace, noLeaderElection, bind, webhookPort, probePort, metricsPort, certDir, plainHttp, image,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var server = new OperatorServerOptions
            {
                BindAddress = parse.GetRequiredValue(bind),
                WebhookPort = parse.GetValue(webhookPort),
                ProbePort = parse.GetValue(probePort),
                MetricsPort = parse.GetValue(metricsPort),
                CertificateDirectory = parse.GetRequiredValue(certDir),
                AllowPlainHttpWebhooks = parse.GetValue(plainHttp),
            };
            var builder = OperatorWebApplication.CreateBuilder([], server);
            builder.Services.AddSingleton(KubeconfigOption.Resolve(parse.GetValue(kubeconfig)));
            builder.Services.AddKubernetesOperator(options =>
                {
                    options.Name = BackupOperator.Name;
                    options.Namespace = parse.GetValue(watchNamespace);
                    options.LeaderElection.Enabled = !parse.GetValue(noLeaderElection);
                    options.LeaderElection.LeaseNamespace = parse.GetRequiredValue(leaseNamespace);
                })
                .AddBackupControllers(new BackupOperatorSettings { OperatorImage = parse.GetRequiredValue(image) });
            await using var app = builder.Build();
            app.MapOperatorEndpoints();
            await app.RunAsync(cancellationToken);
            return 0;
        });
        return command;
    }
}
