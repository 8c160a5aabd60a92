using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using KubeStash.LocalCluster;

namespace KubeStash.Tests.LocalCluster;

/// <summary>Loading manifests in-process, and the fault-injection controls (API and HTTP).</summary>
public sealed class LoadingAndFaultTests
{
    private const string Manifests = """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: loaded
        ---
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: boxes.test.kubestash.com
        spec:
          group: test.kubestash.com
          scope: Namespaced
          names: {kind: Box, plural: boxes, singular: box, listKind: BoxList}
          versions:
          - name: v1
            served: true
            storage: true
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec:
                    type: object
                    properties:
                      size: {type: integer, default: 1}
        ---
        apiVersion: test.kubestash.com/v1
        kind: Box
        metadata:
          name: first
          namespace: loaded
        spec: {}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: loaded-settings
          namespace: loaded
        data: {a: "1"}
        """;

    private LocalClusterServer _server = null!;
    private IKubernetes _client = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _server = new LocalClusterServer();
        await _server.StartAsync();
        _client = _server.CreateClient();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [TearDown]
    public void ClearFaults() => _server.Faults.Reset();

    [Test]
    public async Task Multi_document_yaml_loads_in_order_including_a_crd_and_its_instances_and_reloads_as_replacement()
    {
        (await _server.LoadYamlAsync(Manifests)).Should().Be(4);
        var box = await _client.CustomObjects.GetNamespacedCustomObjectAsync<JsonObject>("test.kubestash.com", "v1", "loaded", "boxes", "first");
        box["spec"]!["size"]!.GetValue<int>().Should().Be(1, "the schema default applies");

        await _server.LoadYamlAsync(Manifests.Replace("data: {a: \"1\"}", "data: {a: \"2\"}", StringComparison.Ordinal));
        (await _client.CoreV1.ReadNamespacedConfigMapAsync("loaded-settings", "loaded")).Data["a"].Should().Be("2");

        var directory = Directory.CreateTempSubdirectory("manifests-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(directory, "a.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: from-file, namespace: loaded}\n");
            (await _server.LoadManifestsAsync(directory)).Should().Be(1);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
        (await _client.CoreV1.ReadNamespacedConfigMapAsync("from-file", "loaded")).Metadata.Name.Should().Be("from-file");
    }

    [Test]
    public async Task A_manifest_of_an_unknown_kind_is_rejected_naming_it()
    {
        var act = () => _server.LoadYamlAsync("apiVersion: nope.example.com/v1\nkind: Nothing\nmetadata: {name: x}\n");
        await act.Should().ThrowAsync<FormatException>().WithMessage("no matches for kind \"Nothing\" in version \"nope.example.com/v1\"");
    }

    [Test]
    public async Task Watch_streams_are_cut_at_the_configured_interval()
    {
        await _client.CoreV1.CreateNamespacedConfigMapAsync(new k8s.Models.V1ConfigMap { Metadata = new() { Name = "watched-while-cut" } }, "default");
        _server.Faults.WatchCutInterval = TimeSpan.FromSeconds(1);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var stopwatch = Stopwatch.StartNew();
        var events = 0;
        await foreach (var _ in _client.CoreV1.WatchListNamespacedConfigMapAsync("default", fieldSelector: "metadata.name=watched-while-cut", cancellationToken: timeout.Token))
        {
            events++;
        }
        events.Should().Be(1);
        stopwatch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
        timeout.IsCancellationRequested.Should().BeFalse("the server ended the stream");
    }

    [Test]
    public async Task Faults_are_configurable_over_http()
    {
        using var http = new HttpClient { BaseAddress = _server.BaseAddress };
        using var body = new StringContent("{\"errorRate\":1,\"errorStatusCode\":500,\"latencyMs\":20}", Encoding.UTF8, "application/json");
        (await http.PutAsync(new Uri("/localcluster/faults", UriKind.Relative), body)).StatusCode.Should().Be(HttpStatusCode.OK);
        _server.Faults.ErrorRate.Should().Be(1);
        _server.Faults.Latency.Should().Be(TimeSpan.FromMilliseconds(20));

        var failed = await FluentActions.Awaiting(() => _client.CoreV1.ListNamespaceAsync()).Should().ThrowAsync<HttpOperationException>();
        failed.Which.Response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);

        (await http.DeleteAsync(new Uri("/localcluster/faults", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await _client.CoreV1.ListNamespaceAsync()).Items.Should().NotBeEmpty();
    }
}
