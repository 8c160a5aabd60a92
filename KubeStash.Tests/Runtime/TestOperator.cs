using k8s;
using KubeStash.LocalCluster;
using KubeStash.Operator.Runtime.Hosting;
using KubeStash.Operator.Runtime.Queue;
using KubeStash.Operator.Runtime.Watching;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KubeStash.Tests.Runtime;

/// <summary>An operator host (Kestrel + runtime) for <see cref="TestWidget"/> against a LocalCluster, as a test starts it.</summary>
public sealed class TestOperator : IAsyncDisposable
{
    public const string Finalizer = TestWidget.Group + "/cleanup";

    private TestOperator(WebApplication app, int port)
    {
        App = app;
        BaseUri = new Uri($"http://127.0.0.1:{port}");
    }

    public WebApplication App { get; }

    public Uri BaseUri { get; }

    public CallLog Log => App.Services.GetRequiredService<CallLog>();

    public IServiceProvider Services => App.Services;

    public static Task<TestOperator> StartAsync(
        LocalClusterServer cluster,
        string? @namespace,
        Action<OperatorBuilder>? register = null,
        Action<OperatorOptions>? configure = null,
        string instance = "solo",
        int finalizerFailures = 0,
        int? port = null)
        => StartAsync(cluster.BaseAddress, @namespace, register, configure, instance, finalizerFailures, port);

    public static async Task<TestOperator> StartAsync(
        Uri apiServer,
        string? @namespace,
        Action<OperatorBuilder>? register = null,
        Action<OperatorOptions>? configure = null,
        string instance = "solo",
        int finalizerFailures = 0,
        int? port = null)
    {
        var chosenPort = port ?? FreePort.Next();
        var builder = OperatorWebApplication.CreateBuilder([], new OperatorServerOptions
        {
            BindAddress = "127.0.0.1",
            WebhookPort = chosenPort,
            ProbePort = chosenPort,
            MetricsPort = chosenPort,
            AllowPlainHttpWebhooks = true,
            CertificateDirectory = Path.Combine(Path.GetTempPath(), "no-certificates-" + Guid.NewGuid()),
        });
        builder.Logging.SetMinimumLevel(Environment.GetEnvironmentVariable("RUNTIME_TEST_LOG") == "1" ? LogLevel.Debug : LogLevel.Warning);
        builder.Services.AddSingleton(new KubernetesClientConfiguration { Host = apiServer.ToString().TrimEnd('/') });
        builder.Services.AddSingleton(new CallLog());
        builder.Services.AddSingleton(new InstanceTag(instance));
        builder.Services.AddSingleton(new FailureBudget(finalizerFailures));
        var operatorBuilder = builder.Services.AddKubernetesOperator(options =>
        {
            options.Name = "widget-operator";
            options.Namespace = @namespace;
            options.Watch = new WatchOptions
            {
                ReconnectBaseDelay = TimeSpan.FromMilliseconds(50),
                ReconnectMaxDelay = TimeSpan.FromSeconds(1),
            };
            options.Queue = new WorkQueueOptions { BaseRetryDelay = TimeSpan.FromMilliseconds(50), MaxRetryDelay = TimeSpan.FromSeconds(1) };
            options.ShutdownTimeout = TimeSpan.FromSeconds(5);
            configure?.Invoke(options);
        });
        if (register is null)
        {
            operatorBuilder
                .AddController<WidgetController, TestWidget>(c => c.GenerationChangedOnly = true)
                .AddFinalizer<WidgetFinalizer, TestWidget>(Finalizer);
        }
        else
        {
            register(operatorBuilder);
        }

        var app = builder.Build();
        app.MapOperatorEndpoints();
        await app.StartAsync();
        return new TestOperator(app, chosenPort);
    }

    public Task StopAsync() => App.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
