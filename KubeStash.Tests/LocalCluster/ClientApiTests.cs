using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using KubeStash.LocalCluster;

namespace KubeStash.Tests.LocalCluster;

/// <summary>The API contract as KubernetesClient sees it over HTTP: paging, watch, concurrency, subresources, deletion.</summary>
public sealed class ClientApiTests
{
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

    [Test]
    public async Task Paging_over_ten_thousand_objects_returns_each_once_from_the_snapshot_of_the_first_page()
    {
        await CreateNamespaceAsync("paging");
        await _server.BulkCreateConfigMapsAsync("paging", 10_000, "item");
        var names = new List<string>();
        string? continueToken = null;
        var pages = 0;
        do
        {
            var page = await _client.CoreV1.ListNamespacedConfigMapAsync("paging", limit: 500, continueParameter: continueToken);
            page.Items.Count.Should().BeLessThanOrEqualTo(500);
            names.AddRange(page.Items.Select(i => i.Metadata.Name));
            continueToken = page.Metadata.ContinueProperty;
            if (pages++ == 3)
            {
                // Changes after the first page must not show up in (or vanish from) the paged result.
                await _client.CoreV1.DeleteNamespacedConfigMapAsync("item-009999", "paging");
                await _client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("item-zzz-late"), "paging");
            }
        }
        while (!string.IsNullOrEmpty(continueToken));

        pages.Should().Be(20);
        names.Should().HaveCount(10_000).And.OnlyHaveUniqueItems();
        names.Should().Contain("item-009999").And.NotContain("item-zzz-late");
        names.Should().BeInAscendingOrder(StringComparer.Ordinal);
    }

    [Test]
    public async Task Label_and_field_selectors_filter_lists()
    {
        await CreateNamespaceAsync("selectors");
        await _client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a", new() { ["tier"] = "web" }), "selectors");
        await _client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("b", new() { ["tier"] = "db" }), "selectors");
        await _client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("c"), "selectors");

        var web = await _client.CoreV1.ListNamespacedConfigMapAsync("selectors", labelSelector: "tier in (web)");
        web.Items.Select(i => i.Metadata.Name).Should().Equal("a");
        var notWeb = await _client.CoreV1.ListNamespacedConfigMapAsync("selectors", labelSelector: "tier!=web");
        notWeb.Items.Select(i => i.Metadata.Name).Should().Equal("b", "c");
        var byName = await _client.CoreV1.ListNamespacedConfigMapAsync("selectors", fieldSelector: "metadata.name=b");
        byName.Items.Select(i => i.Metadata.Name).Should().Equal("b");
    }

    [Test]
    public async Task Watch_resumes_from_a_resource_version_with_every_later_change_in_order()
    {
        await CreateNamespaceAsync("watching");
        var first = await _client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("first"), "watching");
        var since = first.Metadata.ResourceVersion;
        await _client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("second"), "watching");
        first.Data = new Dictionary<string, string> { ["changed"] = "yes" };
        await _client.CoreV1.ReplaceNamespacedConfigMapAsync(first, "first", "watching");
        await _client.CoreV1.DeleteNamespacedConfigMapAsync("first", "watching");

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var events = new List<(WatchEventType Type, string Name)>();
        await foreach (var (type, item) in _client.CoreV1.WatchListNamespacedConfigMapAsync("watching", resourceVersion: since, cancellationToken: timeout.Token))
        {
            events.Add((type, item.Metadata.Name));
            if (events.Count == 3)
            {
                break;
            }
        }
        events.Should().Equal((WatchEventType.Added, "second"), (WatchEventType.Modified, "first"), (WatchEventType.Deleted, "first"));
    }

    [Test]
    public async Task Watch_from_a_compacted_version_reports_410_expired_and_so_does_a_stale_continue_token()
    {
        await CreateNamespaceAsync("compaction");
        var old = await _client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a"), "compaction");
        await _client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("b"), "compaction");
        var firstPage = await _client.CoreV1.ListNamespacedConfigMapAsync("compaction", limit: 1);
        firstPage.Metadata.ContinueProperty.Should().NotBeNullOrEmpty();
        await _client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("c"), "compaction");
        _server.Faults.CompactHistory();

        var errors = new List<Exception>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await foreach (var _ in _client.CoreV1.WatchListNamespacedConfigMapAsync("compaction", resourceVersion: old.Metadata.ResourceVersion, onError: errors.Add, cancellationToken: timeout.Token))
        {
            Assert.Fail("no event may be delivered from a compacted resourceVersion");
        }
        errors.OfType<KubernetesException>().Should().ContainSingle()
            .Which.Status.Should().Match<V1Status>(s => s.Code == 410 && s.Reason == "Expired");

        var expired = await FluentActions.Awaiting(() => _client.CoreV1.ListNamespacedConfigMapAsync("compaction", limit: 1, continueParameter: firstPage.Metadata.ContinueProperty))
            .Should().ThrowAsync<HttpOperationException>();
        expired.Which.Response.StatusCode.Should().Be(HttpStatusCode.Gone);
        expired.Which.Response.Content.Should().Contain("\"reason\":\"Expired\"");
    }

    [Test]
    public async Task A_stale_update_is_rejected_with_409_conflict()
    {
        var created = await _client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("contended"), "default");
        var stale = await _client.CoreV1.ReadNamespacedConfigMapAsync("contended", "default");
        created.Data = new Dictionary<string, string> { ["winner"] = "first" };
        await _client.CoreV1.ReplaceNamespacedConfigMapAsync(created, "contended", "default");

        stale.Data = new Dictionary<string, string> { ["winner"] = "second" };
        var conflict = await FluentActions.Awaiting(() => _client.CoreV1.ReplaceNamespacedConfigMapAsync(stale, "contended", "default"))
            .Should().ThrowAsync<HttpOperationException>();
        conflict.Which.Response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var status = KubernetesJson.Deserialize<V1Status>(conflict.Which.Response.Content);
        status.Reason.Should().Be("Conflict");
        status.Message.Should().Be("Operation cannot be fulfilled on configmaps \"contended\": the object has been modified; please apply your changes to the latest version and try again");
        status.Details.Name.Should().Be("contended");
        status.Details.Kind.Should().Be("configmaps");
    }

    [Test]
    public async Task Errors_carry_kube_apiserver_messages()
    {
        var missing = await FluentActions.Awaiting(() => _client.CoreV1.ReadNamespacedConfigMapAsync("absent", "default"))
            .Should().ThrowAsync<HttpOperationException>();
        missing.Which.Response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        KubernetesJson.Deserialize<V1Status>(missing.Which.Response.Content).Message.Should().Be("configmaps \"absent\" not found");

        var noNamespace = await FluentActions.Awaiting(() => _client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("x"), "no-such-namespace"))
            .Should().ThrowAsync<HttpOperationException>();
        noNamespace.Which.Response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        KubernetesJson.Deserialize<V1Status>(noNamespace.Which.Response.Content).Message.Should().Be("namespaces \"no-such-namespace\" not found");

        await _client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("twice"), "default");
        var duplicate = await FluentActions.Awaiting(() => _client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("twice"), "default"))
            .Should().ThrowAsync<HttpOperationException>();
        duplicate.Which.Response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        KubernetesJson.Deserialize<V1Status>(duplicate.Which.Response.Content).Reason.Should().Be("AlreadyExists");

        var invalid = await FluentActions.Awaiting(() => _client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("Not_Valid"), "default"))
            .Should().ThrowAsync<HttpOperationException>();
        invalid.Which.Response.StatusCode.Should().Be((HttpStatusCode)422);
        var invalidStatus = KubernetesJson.Deserialize<V1Status>(invalid.Which.Response.Content);
        invalidStatus.Message.Should().StartWith("ConfigMap \"Not_Valid\" is invalid: metadata.name: Invalid value: \"Not_Valid\"");
        invalidStatus.Details.Causes.Should().ContainSingle().Which.Field.Should().Be("metadata.name");

        var longValue = new string('v', 64);
        var badLabel = await FluentActions.Awaiting(() => _client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("labelled", new() { ["kubestash.com/invoker-name"] = longValue }), "default"))
            .Should().ThrowAsync<HttpOperationException>();
        badLabel.Which.Response.StatusCode.Should().Be((HttpStatusCode)422);
        KubernetesJson.Deserialize<V1Status>(badLabel.Which.Response.Content).Message
            .Should().Be($"ConfigMap \"labelled\" is invalid: metadata.labels: Invalid value: \"{longValue}\": must be no more than 63 characters");
    }

    [Test]
    public async Task Duplicate_fields_keep_the_last_value_with_a_warning_or_fail_in_strict_mode()
    {
        using var http = new HttpClient { BaseAddress = _server.BaseAddress };
        const string Body = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"%NAME%\"},\"data\":{\"a\":\"1\",\"a\":\"2\"}}";
        using var warned = new StringContent(Body.Replace("%NAME%", "dup-warn", StringComparison.Ordinal), System.Text.Encoding.UTF8, "application/json");
        var response = await http.PostAsync(new Uri("/api/v1/namespaces/default/configmaps", UriKind.Relative), warned);
        response.StatusCode.Should().Be(HttpStatusCode.Created);
        response.Headers.GetValues("Warning").Should().Contain("299 - \"duplicate field \\\"data.a\\\"\"");
        (await _client.CoreV1.ReadNamespacedConfigMapAsync("dup-warn", "default")).Data["a"].Should().Be("2");

        using var strict = new StringContent(Body.Replace("%NAME%", "dup-strict", StringComparison.Ordinal), System.Text.Encoding.UTF8, "application/json");
        var rejected = await http.PostAsync(new Uri("/api/v1/namespaces/default/configmaps?fieldValidation=Strict", UriKind.Relative), strict);
        rejected.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await rejected.Content.ReadAsStringAsync()).Should().Contain("ConfigMap in version \\\"v1\\\" cannot be handled as a ConfigMap: strict decoding error: duplicate field \\\"data.a\\\"");
    }

    [Test]
    public async Task An_immutable_configmap_keeps_its_data()
    {
        var cm = ConfigMap("frozen");
        cm.Immutable = true;
        var created = await _client.CoreV1.CreateNamespacedConfigMapAsync(cm, "default");
        created.Data["key"] = "changed";
        var refused = await FluentActions.Awaiting(() => _client.CoreV1.ReplaceNamespacedConfigMapAsync(created, "frozen", "default"))
            .Should().ThrowAsync<HttpOperationException>();
        refused.Which.Response.StatusCode.Should().Be((HttpStatusCode)422);
        KubernetesJson.Deserialize<V1Status>(refused.Which.Response.Content).Message
            .Should().Be("ConfigMap \"frozen\" is invalid: data: Forbidden: field is immutable when `immutable` is set");
        var labelled = await _client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("{\"metadata\":{\"labels\":{\"still\":\"editable\"}}}", V1Patch.PatchType.MergePatch), "frozen", "default");
        labelled.Metadata.Labels.Should().Contain("still", "editable");
    }

    [Test]
    public async Task GenerateName_and_dry_run_create()
    {
        var generated = await _client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { GenerateName = "gen-" } }, "default");
        generated.Metadata.Name.Should().MatchRegex("^gen-[a-z0-9]{5}$");

        var dry = await _client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("dry"), "default", dryRun: "All");
        dry.Metadata.Name.Should().Be("dry");
        var afterDryRun = await _client.CoreV1.ListNamespacedConfigMapAsync("default", fieldSelector: "metadata.name=dry");
        afterDryRun.Items.Should().BeEmpty();
    }

    [Test]
    public async Task Status_subresource_isolates_status_from_spec_and_generation_follows_spec()
    {
        var created = await _client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("isolated", replicas: 1), "default");
        created.Metadata.Generation.Should().Be(1);
        created.Status.Should().BeNull();

        created.Status = new V1DeploymentStatus { Replicas = 7 };
        created.Spec.Replicas = 2;
        var updated = await _client.AppsV1.ReplaceNamespacedDeploymentAsync(created, "isolated", "default");
        updated.Spec.Replicas.Should().Be(2);
        updated.Status.Should().BeNull("the main resource ignores status");
        updated.Metadata.Generation.Should().Be(2);

        updated.Status = new V1DeploymentStatus { Replicas = 5, ObservedGeneration = 2 };
        updated.Spec.Replicas = 9;
        var statusWritten = await _client.AppsV1.ReplaceNamespacedDeploymentStatusAsync(updated, "isolated", "default");
        statusWritten.Status.Replicas.Should().Be(5);
        statusWritten.Spec.Replicas.Should().Be(2, "the status subresource ignores spec");
        statusWritten.Metadata.Generation.Should().Be(2);

        var patched = await _client.AppsV1.PatchNamespacedDeploymentStatusAsync(
            new V1Patch("{\"status\":{\"readyReplicas\":3}}", V1Patch.PatchType.MergePatch), "isolated", "default");
        patched.Status.ReadyReplicas.Should().Be(3);
        patched.Status.Replicas.Should().Be(5);
    }

    [Test]
    public async Task Built_in_defaults_are_filled_in_like_kube_apiserver()
    {
        var deployment = await _client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("defaulted", 1), "default");
        deployment.Spec.Strategy.Type.Should().Be("RollingUpdate");
        deployment.Spec.Strategy.RollingUpdate.MaxSurge.Value.Should().Be("25%");
        deployment.Spec.RevisionHistoryLimit.Should().Be(10);
        var container = deployment.Spec.Template.Spec.Containers[0];
        container.ImagePullPolicy.Should().Be("Always", "an untagged image defaults to Always");
        container.TerminationMessagePath.Should().Be("/dev/termination-log");
        deployment.Spec.Template.Spec.RestartPolicy.Should().Be("Always");

        var job = await _client.BatchV1.CreateNamespacedJobAsync(new V1Job
        {
            Metadata = new V1ObjectMeta { Name = "defaulted-job" },
            Spec = new V1JobSpec
            {
                Template = new V1PodTemplateSpec
                {
                    Spec = new V1PodSpec { RestartPolicy = "Never", Containers = [new V1Container { Name = "main", Image = "busybox:1.36" }] },
                },
            },
        }, "default");
        job.Spec.BackoffLimit.Should().Be(6);
        job.Spec.Completions.Should().Be(1);
        job.Spec.Selector.MatchLabels.Should().Contain("batch.kubernetes.io/controller-uid", job.Metadata.Uid);
        job.Spec.Template.Metadata.Labels.Should().Contain("job-name", "defaulted-job");
        job.Spec.Template.Spec.Containers[0].ImagePullPolicy.Should().Be("IfNotPresent");

        job.Spec.Template.Spec.Containers[0].Image = "busybox:1.37";
        var immutable = await FluentActions.Awaiting(() => _client.BatchV1.ReplaceNamespacedJobAsync(job, "defaulted-job", "default"))
            .Should().ThrowAsync<HttpOperationException>();
        immutable.Which.Response.StatusCode.Should().Be((HttpStatusCode)422);
        KubernetesJson.Deserialize<V1Status>(immutable.Which.Response.Content).Message
            .Should().StartWith("Job.batch \"defaulted-job\" is invalid: spec.template: Invalid value: ").And.EndWith(": field is immutable");
    }

    [Test]
    public async Task Merge_and_json_patches_apply_and_a_patched_resource_version_is_a_precondition()
    {
        await _client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("patched"), "default");
        var merged = await _client.CoreV1.PatchNamespacedConfigMapAsync(
            new V1Patch("{\"data\":{\"a\":\"1\"},\"metadata\":{\"labels\":{\"x\":\"y\"}}}", V1Patch.PatchType.MergePatch), "patched", "default");
        merged.Data.Should().Contain("a", "1");
        merged.Metadata.Labels.Should().Contain("x", "y");

        var jsonPatched = await _client.CoreV1.PatchNamespacedConfigMapAsync(
            new V1Patch("[{\"op\":\"replace\",\"path\":\"/data/a\",\"value\":\"2\"}]", V1Patch.PatchType.JsonPatch), "patched", "default");
        jsonPatched.Data["a"].Should().Be("2");

        var stale = await FluentActions.Awaiting(() => _client.CoreV1.PatchNamespacedConfigMapAsync(
                new V1Patch("{\"metadata\":{\"resourceVersion\":\"1\"},\"data\":{\"a\":\"3\"}}", V1Patch.PatchType.MergePatch), "patched", "default"))
            .Should().ThrowAsync<HttpOperationException>();
        stale.Which.Response.StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Test]
    public async Task An_object_with_a_finalizer_stays_until_the_finalizer_is_removed()
    {
        var cm = ConfigMap("guarded");
        cm.Metadata.Finalizers = ["example.com/guard"];
        await _client.CoreV1.CreateNamespacedConfigMapAsync(cm, "default");
        await _client.CoreV1.DeleteNamespacedConfigMapAsync("guarded", "default");

        var pending = await _client.CoreV1.ReadNamespacedConfigMapAsync("guarded", "default");
        pending.Metadata.DeletionTimestamp.Should().NotBeNull();
        pending.Metadata.Finalizers.Should().Equal("example.com/guard");

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var since = pending.Metadata.ResourceVersion;
        pending.Metadata.Finalizers = [];
        await _client.CoreV1.ReplaceNamespacedConfigMapAsync(pending, "guarded", "default");
        await foreach (var (type, item) in _client.CoreV1.WatchListNamespacedConfigMapAsync("default", fieldSelector: "metadata.name=guarded",
            resourceVersion: since, cancellationToken: timeout.Token))
        {
            type.Should().Be(WatchEventType.Deleted);
            item.Metadata.Name.Should().Be("guarded");
            break;
        }
        var gone = await FluentActions.Awaiting(() => _client.CoreV1.ReadNamespacedConfigMapAsync("guarded", "default")).Should().ThrowAsync<HttpOperationException>();
        gone.Which.Response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Background_deletion_garbage_collects_the_owned_tree()
    {
        var (deployment, replicaSet, pod) = await CreateOwnedTreeAsync("gc-background");
        await _client.AppsV1.DeleteNamespacedDeploymentAsync(deployment.Metadata.Name, "default", propagationPolicy: "Background");
        await EventuallyAsync(async () =>
        {
            var sets = await _client.AppsV1.ListNamespacedReplicaSetAsync("default", fieldSelector: $"metadata.name={replicaSet.Metadata.Name}");
            var pods = await _client.CoreV1.ListNamespacedPodAsync("default", fieldSelector: $"metadata.name={pod.Metadata.Name}");
            return sets.Items.Count == 0 && pods.Items.Count == 0;
        });
    }

    [Test]
    public async Task Foreground_deletion_keeps_the_owner_until_blocking_dependents_are_gone()
    {
        var (deployment, replicaSet, _) = await CreateOwnedTreeAsync("gc-foreground");
        await _client.AppsV1.DeleteNamespacedDeploymentAsync(deployment.Metadata.Name, "default", propagationPolicy: "Foreground");
        await EventuallyAsync(async () =>
        {
            var deployments = await _client.AppsV1.ListNamespacedDeploymentAsync("default", fieldSelector: $"metadata.name={deployment.Metadata.Name}");
            var sets = await _client.AppsV1.ListNamespacedReplicaSetAsync("default", fieldSelector: $"metadata.name={replicaSet.Metadata.Name}");
            if (deployments.Items.Count == 1)
            {
                deployments.Items[0].Metadata.Finalizers.Should().Contain("foregroundDeletion");
                return false;
            }
            sets.Items.Should().BeEmpty("the owner goes only after its blocking dependents");
            return true;
        });
    }

    [Test]
    public async Task Orphan_deletion_leaves_dependents_without_the_owner_reference()
    {
        var (deployment, replicaSet, _) = await CreateOwnedTreeAsync("gc-orphan");
        // DeleteOptions in the body this time (the other propagation tests use the query parameter).
        await _client.AppsV1.DeleteNamespacedDeploymentAsync(deployment.Metadata.Name, "default", new V1DeleteOptions { PropagationPolicy = "Orphan" });
        await EventuallyAsync(async () =>
        {
            var deployments = await _client.AppsV1.ListNamespacedDeploymentAsync("default", fieldSelector: $"metadata.name={deployment.Metadata.Name}");
            return deployments.Items.Count == 0;
        });
        var orphan = await _client.AppsV1.ReadNamespacedReplicaSetAsync(replicaSet.Metadata.Name, "default");
        orphan.Metadata.OwnerReferences.Should().BeNullOrEmpty();
    }

    [Test]
    public async Task Deleting_a_namespace_terminates_it_removes_its_contents_and_then_it()
    {
        await CreateNamespaceAsync("doomed");
        await _client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("inside"), "doomed");
        var guarded = ConfigMap("slow");
        guarded.Metadata.Finalizers = ["example.com/slow"];
        await _client.CoreV1.CreateNamespacedConfigMapAsync(guarded, "doomed");

        await _client.CoreV1.DeleteNamespaceAsync("doomed");
        var terminating = await _client.CoreV1.ReadNamespaceAsync("doomed");
        terminating.Status.Phase.Should().Be("Terminating");
        var forbidden = await FluentActions.Awaiting(() => _client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("late"), "doomed"))
            .Should().ThrowAsync<HttpOperationException>();
        forbidden.Which.Response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        KubernetesJson.Deserialize<V1Status>(forbidden.Which.Response.Content).Message
            .Should().Be("configmaps \"late\" is forbidden: unable to create new content in namespace doomed because it is being terminated");

        await EventuallyAsync(async () => (await _client.CoreV1.ListNamespacedConfigMapAsync("doomed")).Items.All(i => i.Metadata.Name == "slow"));
        (await _client.CoreV1.ReadNamespaceAsync("doomed")).Should().NotBeNull("a finalizer inside still holds the namespace");
        await _client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("{\"metadata\":{\"finalizers\":null}}", V1Patch.PatchType.MergePatch), "slow", "doomed");
        await EventuallyAsync(async () => (await _client.CoreV1.ListNamespaceAsync(fieldSelector: "metadata.name=doomed")).Items.Count == 0);
    }

    [Test]
    public async Task A_custom_resource_definition_serves_its_resource_until_deleted()
    {
        var crd = new V1CustomResourceDefinition
        {
            Metadata = new V1ObjectMeta { Name = "widgets.example.com" },
            Spec = new V1CustomResourceDefinitionSpec
            {
                Group = "example.com",
                Scope = "Namespaced",
                Names = new V1CustomResourceDefinitionNames { Kind = "Widget", Plural = "widgets", Singular = "widget", ListKind = "WidgetList" },
                Versions =
                [
                    new V1CustomResourceDefinitionVersion
                    {
                        Name = "v1", Served = true, Storage = true,
                        Schema = new V1CustomResourceValidation { OpenAPIV3Schema = new V1JSONSchemaProps { Type = "object", XKubernetesPreserveUnknownFields = true } },
                        Subresources = new V1CustomResourceSubresources { Status = new object() },
                    },
                ],
            },
        };
        var created = await _client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(crd);
        created.Status.Conditions.Should().Contain(c => c.Type == "Established" && c.Status == "True");

        var widget = new JsonObject
        {
            ["apiVersion"] = "example.com/v1",
            ["kind"] = "Widget",
            ["metadata"] = new JsonObject { ["name"] = "w1" },
            ["spec"] = new JsonObject { ["size"] = 3 },
        };
        await _client.CustomObjects.CreateNamespacedCustomObjectAsync(widget, "example.com", "v1", "default", "widgets");
        var read = await _client.CustomObjects.GetNamespacedCustomObjectAsync<JsonObject>("example.com", "v1", "default", "widgets", "w1");
        read["spec"]!["size"]!.GetValue<int>().Should().Be(3);
        read["metadata"]!["generation"]!.GetValue<long>().Should().Be(1);

        await _client.ApiextensionsV1.DeleteCustomResourceDefinitionAsync("widgets.example.com");
        await EventuallyAsync(async () => (await _client.ApiextensionsV1.ListCustomResourceDefinitionAsync(fieldSelector: "metadata.name=widgets.example.com")).Items.Count == 0);
        var unserved = await FluentActions.Awaiting(() => _client.CustomObjects.GetNamespacedCustomObjectAsync<JsonObject>("example.com", "v1", "default", "widgets", "w1"))
            .Should().ThrowAsync<HttpOperationException>();
        unserved.Which.Response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Injected_faults_fail_requests_with_retry_after()
    {
        _server.Faults.ErrorStatusCode = 429;
        _server.Faults.ErrorRate = 1;
        try
        {
            var throttled = await FluentActions.Awaiting(() => _client.CoreV1.ListNamespaceAsync()).Should().ThrowAsync<HttpOperationException>();
            throttled.Which.Response.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
            throttled.Which.Response.Headers.Should().ContainKey("Retry-After");
        }
        finally
        {
            _server.Faults.Reset();
        }
        (await _client.CoreV1.ListNamespaceAsync()).Items.Should().NotBeEmpty();
    }

    private async Task<(V1Deployment, V1ReplicaSet, V1Pod)> CreateOwnedTreeAsync(string name)
    {
        var deployment = await _client.AppsV1.CreateNamespacedDeploymentAsync(Deployment(name, 1), "default");
        var replicaSet = await _client.AppsV1.CreateNamespacedReplicaSetAsync(new V1ReplicaSet
        {
            Metadata = new V1ObjectMeta { Name = $"{name}-rs", OwnerReferences = [Owner(deployment.ApiVersion ?? "apps/v1", "Deployment", deployment.Metadata)] },
            Spec = new V1ReplicaSetSpec
            {
                Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
                Template = deployment.Spec.Template,
            },
        }, "default");
        var pod = await _client.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = $"{name}-pod", OwnerReferences = [Owner("apps/v1", "ReplicaSet", replicaSet.Metadata)] },
            Spec = deployment.Spec.Template.Spec,
        }, "default");
        return (deployment, replicaSet, pod);
    }

    private static V1OwnerReference Owner(string apiVersion, string kind, V1ObjectMeta owner) => new()
    {
        ApiVersion = apiVersion,
        Kind = kind,
        Name = owner.Name,
        Uid = owner.Uid,
        Controller = true,
        BlockOwnerDeletion = true,
    };

    private static V1Deployment Deployment(string name, int replicas) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1DeploymentSpec
        {
            Replicas = replicas,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = name } },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "main", Image = "busybox" }] },
            },
        },
    };

    private static V1ConfigMap ConfigMap(string name, Dictionary<string, string>? labels = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = labels },
        Data = new Dictionary<string, string> { ["key"] = "value" },
    };

    private async Task CreateNamespaceAsync(string name) =>
        await _client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } });

    private static async Task EventuallyAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail("the condition did not hold within 15 seconds");
            }
            await Task.Delay(100);
        }
    }
}
