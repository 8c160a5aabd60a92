using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using k8s;
using KubeStash.LocalCluster.Admission;
using KubeStash.LocalCluster.Api;
using KubeStash.LocalCluster.Controllers;
using KubeStash.LocalCluster.Http;
using KubeStash.LocalCluster.Loading;
using KubeStash.LocalCluster.Storage;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Logging.Abstractions;

namespace KubeStash.LocalCluster;

/// <summary>
/// An in-process Kubernetes API server on 127.0.0.1 that kubectl and KubernetesClient accept: start it,
/// point a client at <see cref="KubeconfigPath"/> (or use <see cref="CreateClient"/>), stop it.
/// </summary>
public sealed class LocalClusterServer : IAsyncDisposable
{
    private static readonly string[] InitialNamespaces = ["default", "kube-system", "kube-public", "kube-node-lease"];

    private readonly LocalClusterOptions _options;
    private readonly ObjectStore _store;
    private readonly ResourceService _service;
    private readonly ClusterControllers _controllers;
    private readonly ManifestLoader _loader;
    private readonly ILoggerFactory _loggerFactory;
    private readonly CancellationTokenSource _stopping = new();
    private readonly string? _ownedDirectory;
    private WebApplication? _app;
    private X509Certificate2? _certificate;
    private Task? _controllerLoop;
    private Task? _bookmarkLoop;

    public LocalClusterServer(LocalClusterOptions? options = null)
    {
        _options = options ?? new LocalClusterOptions();
        _loggerFactory = _options.LoggerFactory ?? NullLoggerFactory.Instance;
        _store = new ObjectStore(Math.Max(100, _options.HistoryLimit));
        var catalog = new ResourceCatalog();
        var webhooks = new AdmissionWebhooks(_store, ResolveWebhookService, _loggerFactory.CreateLogger<AdmissionWebhooks>());
        _service = new ResourceService(_store, catalog, webhooks, TimeProvider.System);
        _controllers = new ClusterControllers(_service, _loggerFactory.CreateLogger<ClusterControllers>());
        _service.Attach(_controllers);
        _loader = new ManifestLoader(_service);
        Faults.Attach(_store.Compact);
        if (_options.KubeconfigPath is null)
        {
            _ownedDirectory = Directory.CreateTempSubdirectory("localcluster-").FullName;
            KubeconfigPath = Path.Combine(_ownedDirectory, "kubeconfig");
        }
        else
        {
            KubeconfigPath = Path.GetFullPath(_options.KubeconfigPath);
        }
    }

    /// <summary>Faults to inject into API requests and watches.</summary>
    public FaultInjector Faults { get; } = new();

    /// <summary>The kubeconfig file (written by <see cref="StartAsync"/>).</summary>
    public string KubeconfigPath { get; }

    /// <summary>http://127.0.0.1:port once started.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>The current cluster-wide resourceVersion.</summary>
    public long ResourceVersion => _store.CurrentResourceVersion;

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_app is not null)
        {
            throw new InvalidOperationException("the local cluster is already started");
        }
        foreach (var ns in InitialNamespaces)
        {
            await CreateObjectAsync(new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Namespace",
                ["metadata"] = new JsonObject { ["name"] = ns },
            }, cancellationToken);
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (_options.LoggerFactory is not null)
        {
            builder.Services.AddSingleton(_options.LoggerFactory);
        }
        _certificate = _options.UseHttps ? SelfSignedCertificate.Create() : null;
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.Listen(System.Net.IPAddress.Loopback, _options.Port, listen =>
            {
                if (_certificate is not null)
                {
                    listen.UseHttps(_certificate);
                }
            });
            kestrel.Limits.MaxRequestBodySize = 64 * 1024 * 1024;
        });
        var app = builder.Build();
        var handler = new KubeApiHandler(_service, Faults, _options.BearerToken, _options.PodLogs, TimeProvider.System, _loggerFactory.CreateLogger<KubeApiHandler>());
        app.Run(handler.HandleAsync);
        await app.StartAsync(cancellationToken);
        _app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal));
        KubeconfigWriter.Write(KubeconfigPath, BaseAddress, _options.BearerToken, _certificate?.ExportCertificatePem());
        _controllerLoop = Task.Run(() => _controllers.RunAsync(_stopping.Token), CancellationToken.None);
        _bookmarkLoop = Task.Run(() => SendBookmarksAsync(_stopping.Token), CancellationToken.None);
    }

    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (_app is null)
        {
            return;
        }
        await _stopping.CancelAsync();
        _store.CloseAllWatches();
        await _app.StopAsync(cancellationToken);
        await _app.DisposeAsync();
        _app = null;
        _certificate?.Dispose();
        await Task.WhenAll(_controllerLoop ?? Task.CompletedTask, _bookmarkLoop ?? Task.CompletedTask);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stopping.Dispose();
        if (_ownedDirectory is not null && Directory.Exists(_ownedDirectory))
        {
            Directory.Delete(_ownedDirectory, recursive: true);
        }
    }

    /// <summary>A KubernetesClient for this cluster.</summary>
    public IKubernetes CreateClient()
    {
        var configuration = new KubernetesClientConfiguration
        {
            Host = BaseAddress.ToString().TrimEnd('/'),
            AccessToken = _options.BearerToken,
        };
        if (_certificate is not null)
        {
            configuration.SslCaCerts = [X509CertificateLoader.LoadCertificate(_certificate.RawData)];
        }
        return new Kubernetes(configuration);
    }

    /// <summary>Creates or replaces the objects of a manifest file or of every YAML/JSON file under a directory.</summary>
    public Task<int> LoadManifestsAsync(string path, CancellationToken cancellationToken = default) => _loader.LoadPathAsync(path, cancellationToken);

    /// <summary>Creates or replaces the objects of a multi-document YAML text.</summary>
    public Task<int> LoadYamlAsync(string yaml, CancellationToken cancellationToken = default) => _loader.LoadTextAsync(yaml, cancellationToken);

    /// <summary>Creates (or replaces) one object in-process, through the same rules as the HTTP API.</summary>
    public Task<JsonObject> CreateObjectAsync(JsonObject obj, CancellationToken cancellationToken = default) =>
        _loader.ApplyAsync(obj, cancellationToken);

    /// <summary>Creates <paramref name="count"/> ConfigMaps named prefix-N in-process, fast, for benchmarks.</summary>
    public async Task BulkCreateConfigMapsAsync(string ns, int count, string namePrefix = "cm", int dataBytes = 64, CancellationToken cancellationToken = default)
    {
        var resource = _service.Catalog.Find("", "v1", "configmaps")!;
        var payload = new string('x', Math.Max(0, dataBytes));
        for (var i = 0; i < count; i++)
        {
            var obj = new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "ConfigMap",
                ["metadata"] = new JsonObject
                {
                    ["name"] = $"{namePrefix}-{i:D6}",
                    ["namespace"] = ns,
                    ["labels"] = new JsonObject { ["bench"] = "true", ["shard"] = (i % 10).ToString(System.Globalization.CultureInfo.InvariantCulture) },
                },
                ["data"] = new JsonObject { ["payload"] = payload },
            };
            await _service.CreateAsync(resource, ns, obj, WriteContext.Internal(), cancellationToken);
        }
    }

    private Uri? ResolveWebhookService(string ns, string name, int port)
    {
        if (!_options.WebhookServices.TryGetValue($"{ns}/{name}", out var baseUri))
        {
            return null;
        }
        return baseUri;
    }

    private async Task SendBookmarksAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.BookmarkInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                _store.SendBookmarks();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
