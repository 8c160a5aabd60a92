using System.Net;
using KubeStash.Operator.Runtime.Metrics;
using KubeStash.Operator.Runtime.Webhooks;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Prometheus;

namespace KubeStash.Operator.Runtime.Hosting;

/// <summary>Builds the operator's host: Kestrel for webhooks and probes, the runtime as a hosted service.</summary>
public static class OperatorWebApplication
{
    /// <summary>
    /// A web application builder listening as <paramref name="server"/> says. Register the operator on its
    /// <c>Services</c> with <c>AddKubernetesOperator</c>, build, then call <see cref="MapOperatorEndpoints"/>.
    /// </summary>
    public static WebApplicationBuilder CreateBuilder(string[] args, OperatorServerOptions server)
    {
        ArgumentNullException.ThrowIfNull(server);
        var builder = WebApplication.CreateSlimBuilder(args);
        var certificates = new CertificateFiles(server.CertificateDirectory);
        builder.Services.AddSingleton(server);
        builder.Services.AddSingleton(certificates);
        var address = IPAddress.Parse(server.BindAddress);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(address, server.WebhookPort, listen =>
            {
                if (certificates.Exist)
                {
                    listen.UseHttps(https => https.ServerCertificateSelector = (_, _) => certificates.Current);
                }
                else if (!server.AllowPlainHttpWebhooks)
                {
                    throw new InvalidOperationException(
                        $"No webhook serving certificate: expected {certificates.CertificatePath} and {certificates.KeyPath} " +
                        "(mounted from the cert-manager Secret), or AllowPlainHttpWebhooks for local tests.");
                }
            });
            foreach (var port in new[] { server.ProbePort, server.MetricsPort }.Where(p => p != server.WebhookPort).Distinct())
            {
                kestrel.Listen(address, port);
            }
        });
        return builder;
    }

    /// <summary>
    /// Builds the host, registers the operator (<paramref name="configure"/> sets its options, <paramref name="register"/>
    /// adds controllers, finalizers and webhooks) and runs until the host is stopped (SIGTERM): an operator's whole
    /// <c>run</c> command.
    /// </summary>
    public static async Task RunAsync(
        string[] args,
        OperatorServerOptions server,
        Action<OperatorOptions> configure,
        Action<OperatorBuilder> register,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(register);
        var builder = CreateBuilder(args, server);
        register(builder.Services.AddKubernetesOperator(configure));
        await using var app = builder.Build();
        app.MapOperatorEndpoints();
        await app.RunAsync(cancellationToken);
    }

    /// <summary>Maps the registered webhooks, /healthz, /readyz and /metrics.</summary>
    public static WebApplication MapOperatorEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var builder = app.Services.GetRequiredService<OperatorBuilder>();
        app.MapAdmissionWebhooks(builder.Webhooks);
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(OperatorReadinessCheck.Tag) });
        app.MapMetrics("/metrics", app.Services.GetRequiredService<OperatorMetrics>().Registry);
        return app;
    }
}
