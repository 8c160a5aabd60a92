using System.Text.Json.Nodes;
using KubeStash.LocalCluster;

namespace KubeStash.Tests.LocalCluster;

/// <summary>The real kubectl is the judge: what it does against LocalCluster must match a real cluster.</summary>
public sealed class KubectlConformanceTests
{
    private const string Workloads = """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: settings
          labels: {app: shop, tier: web}
        data:
          mode: fast
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: shop
          labels: {app: shop}
        spec:
          replicas: 1
          selector: {matchLabels: {app: shop}}
          template:
            metadata: {labels: {app: shop}}
            spec:
              containers:
              - name: web
                image: nginx:1.25
                env:
                - {name: MODE, value: fast}
              - name: sidecar
                image: busybox:1.36
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: shop
        spec:
          selector: {app: shop}
          ports:
          - {name: http, port: 80}
        """;

    private const string GadgetCrd = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: gadgets.test.kubestash.com
        spec:
          group: test.kubestash.com
          scope: Namespaced
          names: {kind: Gadget, plural: gadgets, singular: gadget, shortNames: [gd], listKind: GadgetList}
          versions:
          - name: v1alpha1
            served: true
            storage: true
            subresources: {status: {}}
            additionalPrinterColumns:
            - {name: Size, type: integer, jsonPath: .spec.size}
            - {name: Color, type: string, jsonPath: .spec.color}
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec:
                    type: object
                    properties:
                      size: {type: integer}
                      color: {type: string, enum: [red, blue]}
                  status:
                    type: object
                    properties:
                      phase: {type: string}
        """;

    private LocalClusterServer _server = null!;
    private Kubectl _kubectl = null!;
    private string _cache = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _server = new LocalClusterServer();
        await _server.StartAsync();
        _cache = Directory.CreateTempSubdirectory("kubectl-cache-").FullName;
        _kubectl = new Kubectl(_server.KubeconfigPath, _cache);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_cache, recursive: true);
    }

    [Test]
    public async Task Apply_creates_a_multi_document_file_and_reapplying_a_change_patches_it()
    {
        var first = (await _kubectl.RunAsync("apply -f -", Workloads)).ShouldSucceed();
        first.Stdout.Should().Contain("configmap/settings created").And.Contain("deployment.apps/shop created").And.Contain("service/shop created");

        var changed = Workloads.Replace("replicas: 1", "replicas: 3", StringComparison.Ordinal)
            .Replace("image: nginx:1.25", "image: nginx:1.27", StringComparison.Ordinal)
            .Replace("mode: fast", "mode: safe", StringComparison.Ordinal);
        var second = (await _kubectl.RunAsync("apply -f -", changed)).ShouldSucceed();
        second.Stdout.Should().Contain("configmap/settings configured").And.Contain("deployment.apps/shop configured").And.Contain("service/shop unchanged");

        var deployment = JsonNode.Parse((await _kubectl.RunAsync("get deployment shop -o json")).ShouldSucceed().Stdout)!;
        deployment["spec"]!["replicas"]!.GetValue<int>().Should().Be(3);
        var containers = deployment["spec"]!["template"]!["spec"]!["containers"]!.AsArray();
        containers.Select(c => c!["name"]!.GetValue<string>()).Should().Equal("web", "sidecar");
        containers[0]!["image"]!.GetValue<string>().Should().Be("nginx:1.27");
        containers[0]!["env"]![0]!["value"]!.GetValue<string>().Should().Be("fast");
        deployment["metadata"]!["generation"]!.GetValue<long>().Should().Be(2);

        var yaml = (await _kubectl.RunAsync("get configmap settings -o yaml")).ShouldSucceed().Stdout;
        yaml.Should().Contain("mode: safe").And.Contain("kubectl.kubernetes.io/last-applied-configuration");
    }

    [Test]
    public async Task Get_selects_by_label_and_resolves_short_names()
    {
        await _kubectl.RunAsync("apply -f -", Workloads);
        (await _kubectl.RunAsync("apply -f -", ConfigMap("other", "a", "b"))).ShouldSucceed();

        var selected = (await _kubectl.RunAsync("get cm -l tier=web -o name")).ShouldSucceed();
        selected.Stdout.Trim().Should().Be("configmap/settings");
        var notSelected = (await _kubectl.RunAsync("get configmaps -l 'tier!=web' -o name")).ShouldSucceed();
        notSelected.Stdout.Should().Contain("configmap/other").And.NotContain("configmap/settings");
        (await _kubectl.RunAsync("get deploy,svc -o name")).ShouldSucceed().Stdout.Should().Contain("deployment.apps/shop").And.Contain("service/shop");

        var table = (await _kubectl.RunAsync("get cm")).ShouldSucceed().Stdout;
        table.Should().Contain("NAME").And.Contain("settings");
    }

    [Test]
    public async Task Imperative_create_of_namespaces_configmaps_and_secrets_works()
    {
        (await _kubectl.RunAsync("create namespace imperative")).ShouldSucceed().Stdout.Should().Contain("namespace/imperative created");
        (await _kubectl.RunAsync("-n imperative create configmap literal --from-literal=a=b")).ShouldSucceed();
        (await _kubectl.RunAsync("-n imperative create secret generic hidden --from-literal=password=s3cret")).ShouldSucceed();
        (await _kubectl.RunAsync("-n imperative get configmap literal -o jsonpath={.data.a}")).ShouldSucceed().Stdout.Should().Be("b");
        (await _kubectl.RunAsync("-n imperative get secret hidden -o jsonpath={.type}/{.data.password}")).ShouldSucceed().Stdout
            .Should().Be("Opaque/" + Convert.ToBase64String("s3cret"u8.ToArray()));
        var duplicate = await _kubectl.RunAsync("create namespace imperative");
        duplicate.ExitCode.Should().NotBe(0);
        duplicate.Stderr.Should().Contain("Error from server (AlreadyExists): namespaces \"imperative\" already exists");
    }

    [Test]
    public async Task Api_resources_lists_built_ins_and_custom_resources()
    {
        (await _kubectl.RunAsync("apply -f -", GadgetCrd)).ShouldSucceed();
        (await _kubectl.RunAsync("wait --for=condition=Established crd/gadgets.test.kubestash.com --timeout=10s")).ShouldSucceed();
        var resources = (await _kubectl.RunAsync("api-resources")).ShouldSucceed().Stdout;
        resources.Should().MatchRegex(@"deployments\s+deploy\s+apps/v1\s+true\s+Deployment");
        resources.Should().MatchRegex(@"gadgets\s+gd\s+test\.kubestash\.com/v1alpha1\s+true\s+Gadget");
    }

    [Test]
    public async Task Custom_resources_print_their_columns_and_the_schema_decides_unknown_fields_and_types()
    {
        (await _kubectl.RunAsync("apply -f -", GadgetCrd)).ShouldSucceed();
        (await _kubectl.RunAsync("wait --for=condition=Established crd/gadgets.test.kubestash.com --timeout=10s")).ShouldSucceed();

        (await _kubectl.RunAsync("apply -f -", Gadget("small", "size: 2\n    color: red"))).ShouldSucceed();
        var table = (await _kubectl.RunAsync("get gadgets")).ShouldSucceed().Stdout;
        // A CRD that declares printer columns gets exactly those after NAME (kube adds AGE only when it declares none).
        table.Should().MatchRegex(@"^NAME\s+SIZE\s+COLOR\n").And.MatchRegex(@"\nsmall\s+2\s+red\n");

        var strict = await _kubectl.RunAsync("apply -f -", Gadget("strict", "size: 1\n    foo: bar"));
        strict.ExitCode.Should().NotBe(0);
        strict.Stderr.Should().Contain("strict decoding error: unknown field \"spec.foo\"");

        var warned = (await _kubectl.RunAsync("apply --validate=warn -f -", Gadget("warned", "size: 1\n    foo: bar"))).ShouldSucceed();
        warned.Stderr.Should().Contain("unknown field \"spec.foo\"");
        var stored = JsonNode.Parse((await _kubectl.RunAsync("get gadget warned -o json")).ShouldSucceed().Stdout)!;
        stored["spec"]!.AsObject().ContainsKey("foo").Should().BeFalse("unknown fields are pruned");

        var wrongType = await _kubectl.RunAsync("apply -f -", Gadget("typed", "size: big"));
        wrongType.ExitCode.Should().NotBe(0);
        wrongType.Stderr.Should().Contain("The Gadget \"typed\" is invalid").And.Contain("spec.size");

        var wrongEnum = await _kubectl.RunAsync("apply -f -", Gadget("colored", "color: green"));
        wrongEnum.ExitCode.Should().NotBe(0);
        wrongEnum.Stderr.Should().Contain("spec.color: Unsupported value: \"green\"");
    }

    [Test]
    public async Task Delete_of_an_object_with_a_finalizer_waits_for_the_finalizer()
    {
        (await _kubectl.RunAsync("apply -f -", """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: held
              finalizers: [kubestash.com/cleanup]
            """)).ShouldSucceed();
        (await _kubectl.RunAsync("delete configmap held --wait=false")).ShouldSucceed().Stdout.Should().Contain("configmap \"held\" deleted");
        var pending = JsonNode.Parse((await _kubectl.RunAsync("get configmap held -o json")).ShouldSucceed().Stdout)!;
        pending["metadata"]!["deletionTimestamp"].Should().NotBeNull();

        (await _kubectl.RunAsync("patch configmap held --type=merge -p {\"metadata\":{\"finalizers\":null}}")).ShouldSucceed();
        var gone = await _kubectl.RunAsync("get configmap held");
        gone.ExitCode.Should().NotBe(0);
        gone.Stderr.Should().Contain("Error from server (NotFound): configmaps \"held\" not found");
    }

    [Test]
    public async Task Delete_removes_objects_and_reports_missing_ones_like_kube()
    {
        (await _kubectl.RunAsync("apply -f -", ConfigMap("short-lived", "a", "b"))).ShouldSucceed();
        (await _kubectl.RunAsync("delete configmap short-lived")).ShouldSucceed().Stdout.Should().Contain("configmap \"short-lived\" deleted");
        var missing = await _kubectl.RunAsync("delete configmap short-lived");
        missing.ExitCode.Should().NotBe(0);
        missing.Stderr.Should().Contain("Error from server (NotFound): configmaps \"short-lived\" not found");
    }

    [Test]
    public async Task Wait_for_a_condition_set_through_the_status_subresource()
    {
        (await _kubectl.RunAsync("apply -f -", Workloads.Replace("name: shop", "name: waited", StringComparison.Ordinal))).ShouldSucceed();
        var wait = _kubectl.RunAsync("wait --for=condition=Available deployment/waited --timeout=20s", timeoutSeconds: 30);
        await Task.Delay(500);
        (await _kubectl.RunAsync("patch deployment waited --subresource=status --type=merge -p " +
            "{\"status\":{\"conditions\":[{\"type\":\"Available\",\"status\":\"True\",\"reason\":\"MinimumReplicasAvailable\",\"message\":\"ok\"}]}}")).ShouldSucceed();
        (await wait).ShouldSucceed().Stdout.Should().Contain("deployment.apps/waited condition met");
    }

    [Test]
    public async Task Scale_changes_replicas_through_the_scale_subresource()
    {
        (await _kubectl.RunAsync("apply -f -", Workloads.Replace("name: shop", "name: scaled", StringComparison.Ordinal))).ShouldSucceed();
        (await _kubectl.RunAsync("scale deployment scaled --replicas=4")).ShouldSucceed().Stdout.Should().Contain("deployment.apps/scaled scaled");
        (await _kubectl.RunAsync("get deployment scaled -o jsonpath={.spec.replicas}")).ShouldSucceed().Stdout.Should().Be("4");
        var stale = await _kubectl.RunAsync("scale deployment scaled --current-replicas=1 --replicas=2");
        stale.ExitCode.Should().NotBe(0, "the current replica count is a precondition");
    }

    [Test]
    public async Task Get_watch_prints_a_change()
    {
        (await _kubectl.RunAsync("apply -f -", ConfigMap("watched", "v", "1"))).ShouldSucceed();
        using var watch = _kubectl.Start("get configmap watched --watch -o 'jsonpath={.metadata.name}:{.metadata.labels.changed}{\"\\n\"}'");
        var lines = new List<string>();
        var sawInitial = new TaskCompletionSource();
        var sawChange = new TaskCompletionSource();
        var reader = Task.Run(async () =>
        {
            while (await watch.StandardOutput.ReadLineAsync() is { } line)
            {
                lines.Add(line);
                if (line == "watched:")
                {
                    sawInitial.TrySetResult();
                }
                if (line == "watched:yes")
                {
                    sawChange.TrySetResult();
                }
            }
        });
        try
        {
            await sawInitial.Task.WaitAsync(TimeSpan.FromSeconds(20));
            (await _kubectl.RunAsync("label configmap watched changed=yes")).ShouldSucceed();
            await sawChange.Task.WaitAsync(TimeSpan.FromSeconds(20));
        }
        finally
        {
            watch.Kill(entireProcessTree: true);
        }
        await reader;
        lines.Should().StartWith("watched:").And.Contain("watched:yes");
    }

    [Test]
    public async Task Get_watch_in_table_form_prints_rows()
    {
        (await _kubectl.RunAsync("apply -f -", ConfigMap("table-watched", "v", "1"))).ShouldSucceed();
        using var watch = _kubectl.Start("get configmap table-watched --watch");
        var rows = new List<string>();
        var sawTwoRows = new TaskCompletionSource();
        var reader = Task.Run(async () =>
        {
            while (await watch.StandardOutput.ReadLineAsync() is { } line)
            {
                rows.Add(line);
                if (rows.Count(r => r.StartsWith("table-watched", StringComparison.Ordinal)) >= 2)
                {
                    sawTwoRows.TrySetResult();
                }
            }
        });
        try
        {
            await Task.Delay(1000);
            (await _kubectl.RunAsync("label configmap table-watched changed=yes")).ShouldSucceed();
            await sawTwoRows.Task.WaitAsync(TimeSpan.FromSeconds(20));
        }
        finally
        {
            watch.Kill(entireProcessTree: true);
        }
        await reader;
        rows[0].Should().MatchRegex(@"^NAME\s+DATA\s+AGE");
    }

    private static string ConfigMap(string name, string key, string value) => $"""
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: {name}
        data:
          {key}: "{value}"
        """;

    private static string Gadget(string name, string spec) => $"""
        apiVersion: test.kubestash.com/v1alpha1
        kind: Gadget
        metadata:
          name: {name}
        spec:
            {spec}
        """;
}
