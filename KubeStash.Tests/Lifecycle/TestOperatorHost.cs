using k8s;
using KubeStash.Operator;
using KubeStash.Operator.Backup;
using KubeStash.Operator.Runtime.Hosting;
using KubeStash.Operator.Runtime.Queue;
using KubeStash.Operator.Runtime.Watching;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KubeStash.Tests.Lifecycle;

/// <summary>
/// The operator as `run` registers it (controllers, finalizers, admission webhooks), hosted in the test process over
/// plain HTTP on one loopback port and talking to a LocalCluster; short back-offs keep tests quick.
/// </summary>
internal static class TestOperatorHost
{
    public const string OperatorImage = "ghcr.io/kubestash-dotnet/operator:test";

    public static async Task<WebApplication> StartAsync(Uri cluster, int port, TimeSpan? sessionPollInterval = null)
    {
        var builder = OperatorWebApplication.CreateBuilder([], new OperatorServerOptions
        {
            BindAddress = "127.0.0.1",
            WebhookPort = port,
            ProbePort = port,
            MetricsPort = port,
            AllowPlainHttpWebhooks = true,
            CertificateDirectory = Path.Combine(Path.GetTempPath(), "no-certificates-" + Guid.NewGuid()),
        });
        builder.Logging.SetMinimumLevel(Environment.GetEnvironmentVariable("LIFECYCLE_TEST_LOG") == "1" ? LogLevel.Debug : LogLevel.Warning);
        builder.Services.AddSingleton(new KubernetesClientConfiguration { Host = cluster.ToString().TrimEnd('/') });
        builder.Services.AddKubernetesOperator(options =>
            {
                options.Name = BackupOperator.Name;
                options.Watch = new WatchOptions { ReconnectBaseDelay = TimeSpan.FromMilliseconds(50), ReconnectMaxDelay = TimeSpan.FromSeconds(1) };
                options.Queue = new WorkQueueOptions { BaseRetryDelay = TimeSpan.FromMilliseconds(50), MaxRetryDelay = TimeSpan.FromSeconds(1) };
                options.ShutdownTimeout = TimeSpan.FromSeconds(3);
            })
            .AddBackupControllers(new BackupOperatorSettings { OperatorImage = OperatorImage, SessionPollInterval = sessionPollInterval ?? TimeSpan.FromMilliseconds(200), StorageRecheckInterval = TimeSpan.FromSeconds(2) });
        var app = builder.Build();
        app.MapOperatorEndpoints();
        await app.StartAsync();
        return app;
    }
}
