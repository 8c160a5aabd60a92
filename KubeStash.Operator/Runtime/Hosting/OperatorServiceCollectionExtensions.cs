using k8s;
using KubeStash.Operator.Runtime.Client;
using KubeStash.Operator.Runtime.Events;
using KubeStash.Operator.Runtime.Metrics;
using KubeStash.Operator.Runtime.Watching;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KubeStash.Operator.Runtime.Hosting;

public static class OperatorServiceCollectionExtensions
{
    /// <summary>
    /// Adds the operator runtime. The Kubernetes connection comes from a registered <see cref="KubernetesClientConfiguration"/>,
    /// else the in-cluster service account, else the default kubeconfig.
    /// </summary>
    public static OperatorBuilder AddKubernetesOperator(this IServiceCollection services, Action<OperatorOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new OperatorOptions();
        configure?.Invoke(options);
        options.Validate();

        services.AddSingleton(options);
        // The host must wait for the runtime's own drain deadline (plus the lease hand-over) before giving up on it.
        services.Configure<HostOptions>(host =>
        {
            var needed = options.ShutdownTimeout + TimeSpan.FromSeconds(2);
            if (host.ShutdownTimeout < needed)
            {
                host.ShutdownTimeout = needed;
            }
        });
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => KubernetesClientConfiguration.IsInCluster()
            ? KubernetesClientConfiguration.InClusterConfig()
            : KubernetesClientConfiguration.BuildConfigFromConfigFile());
        services.TryAddSingleton(sp => new Kubernetes(sp.GetRequiredService<KubernetesClientConfiguration>()));
        services.TryAddSingleton<IKubernetes>(sp => sp.GetRequiredService<Kubernetes>());
        services.TryAddSingleton<IEntityClient, KubernetesEntityClient>();
        services.TryAddSingleton(sp => new StatusWriter(
            sp.GetRequiredService<IEntityClient>(), sp.GetRequiredService<ILogger<StatusWriter>>(), options.StatusConflictAttempts));
        services.TryAddSingleton<CachedEntityReader>();
        services.TryAddSingleton<IEventRecorder, EventRecorder>();
        services.TryAddSingleton<OperatorMetrics>();
        services.TryAddSingleton<OperatorRuntime>();
        services.AddHostedService(sp => sp.GetRequiredService<OperatorRuntime>());
        services.AddHealthChecks().AddCheck<OperatorReadinessCheck>("operator", tags: [OperatorReadinessCheck.Tag]);

        var builder = new OperatorBuilder(services, options);
        services.AddSingleton(builder);
        return builder;
    }
}
