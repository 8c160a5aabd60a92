using System.Text.Json.Nodes;
using KubeStash.LocalCluster.Semantics;

namespace KubeStash.Tests.LocalCluster.Semantics;

public sealed class StrategicMergePatchTests
{
    private const string Deployment = """
        {"apiVersion":"apps/v1","kind":"Deployment",
         "metadata":{"name":"web","namespace":"default","labels":{"app":"web","tier":"frontend"},"finalizers":["a/one","b/two"]},
         "spec":{"replicas":2,
           "strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":"25%","maxUnavailable":"25%"}},
           "selector":{"matchLabels":{"app":"web"}},
           "template":{"metadata":{"labels":{"app":"web"}},
             "spec":{
               "containers":[
                 {"name":"web","image":"nginx:1.24","ports":[{"containerPort":80,"name":"http"},{"containerPort":8080,"name":"admin"}],
                  "env":[{"name":"A","value":"1"},{"name":"B","value":"2"},{"name":"C","value":"3"}],
                  "volumeMounts":[{"name":"data","mountPath":"/data"}]},
                 {"name":"sidecar","image":"busybox"}],
               "volumes":[{"name":"data","emptyDir":{}}],
               "tolerations":[{"key":"k1","operator":"Exists"},{"key":"k2","operator":"Exists"}],
               "nodeSelector":{"disk":"ssd","zone":"a"}}}}}
        """;

    private static JsonObject Patch(string original, string patch, string apiVersion = "apps/v1", string kind = "Deployment") =>
        StrategicMergePatch.Apply(JsonNode.Parse(original)!.AsObject(), JsonNode.Parse(patch)!.AsObject(), apiVersion, kind);

    private static JsonNode At(JsonNode node, string path)
    {
        foreach (var part in path.Split('.'))
        {
            node = int.TryParse(part, out var index) ? node[index]! : node[part]!;
        }

        return node;
    }

    private static string[] Names(JsonNode node, string path, string key = "name") =>
        At(node, path).AsArray().Select(item => item![key]!.ToString()).ToArray();

    [Test]
    public void Kubectl_apply_image_change_merges_the_container_by_name()
    {
        var result = Patch(Deployment, """
            {"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"web"},{"name":"sidecar"}],
              "containers":[{"image":"nginx:1.25","name":"web"}]}}}}
            """);
        At(result, "spec.template.spec.containers.0.image").ToString().Should().Be("nginx:1.25");
        At(result, "spec.template.spec.containers.0.env").AsArray().Should().HaveCount(3);
        At(result, "spec.template.spec.containers.0.ports").AsArray().Should().HaveCount(2);
        Names(result, "spec.template.spec.containers").Should().Equal("web", "sidecar");
        result.ToJsonString().Should().NotContain("$setElementOrder");
    }

    [Test]
    public void Env_add_and_remove_with_set_element_order()
    {
        var result = Patch(Deployment, """
            {"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"web"},{"name":"sidecar"}],
              "containers":[{"$setElementOrder/env":[{"name":"D"},{"name":"A"},{"name":"C"}],
                             "env":[{"name":"D","value":"4"},{"$patch":"delete","name":"B"}],"name":"web"}]}}}}
            """);
        Names(result, "spec.template.spec.containers.0.env").Should().Equal("D", "A", "C");
        At(result, "spec.template.spec.containers.0.env.0.value").ToString().Should().Be("4");
        At(result, "spec.template.spec.containers.0.env.1.value").ToString().Should().Be("1");
    }

    [Test]
    public void Container_port_removal_by_container_port()
    {
        var result = Patch(Deployment, """
            {"spec":{"template":{"spec":{"containers":[{"name":"web","ports":[{"$patch":"delete","containerPort":8080}]}]}}}}
            """);
        Names(result, "spec.template.spec.containers.0.ports", "containerPort").Should().Equal("80");
    }

    [Test]
    public void Container_port_change_keeps_other_ports_and_fields()
    {
        var result = Patch(Deployment, """
            {"spec":{"template":{"spec":{"containers":[{"name":"web","ports":[{"containerPort":8080,"protocol":"TCP"}]}]}}}}
            """);
        At(result, "spec.template.spec.containers.0.ports.1.protocol").ToString().Should().Be("TCP");
        At(result, "spec.template.spec.containers.0.ports.1.name").ToString().Should().Be("admin");
        At(result, "spec.template.spec.containers.0.ports").AsArray().Should().HaveCount(2);
    }

    [Test]
    public void Label_removal_via_null_and_unmatched_nulls_are_ignored()
    {
        var result = Patch(Deployment, """{"metadata":{"labels":{"tier":null,"nothere":null,"new":"x"}}}""");
        At(result, "metadata.labels").ToJsonString().Should().Be("""{"app":"web","new":"x"}""");
    }

    [Test]
    public void Lists_without_a_strategy_are_replaced()
    {
        var result = Patch(Deployment, """{"spec":{"template":{"spec":{"tolerations":[{"key":"k3","operator":"Exists"}]}}}}""");
        Names(result, "spec.template.spec.tolerations", "key").Should().Equal("k3");
    }

    [Test]
    public void Server_only_elements_keep_their_place()
    {
        var original = """
            {"spec":{"template":{"spec":{"containers":[{"name":"a","image":"1"},{"name":"injected","image":"x"},{"name":"b","image":"1"}]}}}}
            """;
        var result = Patch(original, """
            {"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"a"},{"name":"b"},{"name":"c"}],
              "containers":[{"image":"2","name":"b"},{"image":"1","name":"c"}]}}}}
            """);
        Names(result, "spec.template.spec.containers").Should().Equal("a", "injected", "b", "c");
        At(result, "spec.template.spec.containers.2.image").ToString().Should().Be("2");
    }

    [Test]
    public void Patch_order_wins_without_set_element_order()
    {
        var original = """{"spec":{"template":{"spec":{"containers":[{"name":"a"},{"name":"b"}]}}}}""";
        var result = Patch(original, """{"spec":{"template":{"spec":{"containers":[{"name":"c"},{"name":"a","image":"x"}]}}}}""");
        Names(result, "spec.template.spec.containers").Should().Equal("c", "a", "b");
    }

    [Test]
    public void Finalizers_are_a_merged_primitive_list_with_delete_directive()
    {
        var result = Patch(Deployment, """
            {"metadata":{"$deleteFromPrimitiveList/finalizers":["a/one"],"$setElementOrder/finalizers":["c/three","b/two"],"finalizers":["c/three"]}}
            """);
        At(result, "metadata.finalizers").ToJsonString().Should().Be("""["c/three","b/two"]""");

        var added = Patch(Deployment, """{"metadata":{"finalizers":["b/two","z/last"]}}""");
        At(added, "metadata.finalizers").ToJsonString().Should().Be("""["a/one","b/two","z/last"]""");
    }

    [Test]
    public void Patch_replace_directive_on_a_map_replaces_it()
    {
        var result = Patch(Deployment, """{"spec":{"template":{"spec":{"nodeSelector":{"$patch":"replace","zone":"b"}}}}}""");
        At(result, "spec.template.spec.nodeSelector").ToJsonString().Should().Be("""{"zone":"b"}""");
    }

    [Test]
    public void Patch_delete_directive_on_a_map_empties_it()
    {
        var result = Patch(Deployment, """{"spec":{"template":{"spec":{"nodeSelector":{"$patch":"delete"}}}}}""");
        At(result, "spec.template.spec.nodeSelector").ToJsonString().Should().Be("{}");
    }

    [Test]
    public void Patch_replace_element_replaces_a_merge_list()
    {
        var result = Patch(Deployment, """
            {"spec":{"template":{"spec":{"containers":[{"name":"only","image":"x"},{"$patch":"replace"}]}}}}
            """);
        Names(result, "spec.template.spec.containers").Should().Equal("only");
        At(result, "spec.template.spec.containers.0").ToJsonString().Should().Be("""{"name":"only","image":"x"}""");
    }

    [Test]
    public void Retain_keys_clears_the_other_strategy_fields()
    {
        var result = Patch(Deployment, """
            {"spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate","rollingUpdate":null}}}
            """);
        At(result, "spec.strategy").ToJsonString().Should().Be("""{"type":"Recreate"}""");
    }

    [Test]
    public void Retain_keys_switches_a_volume_source()
    {
        var result = Patch(Deployment, """
            {"spec":{"template":{"spec":{"$setElementOrder/volumes":[{"name":"data"}],
              "volumes":[{"$retainKeys":["configMap","name"],"configMap":{"name":"cfg"},"name":"data"}]}}}}
            """);
        At(result, "spec.template.spec.volumes.0").ToJsonString().Should().Be("""{"name":"data","configMap":{"name":"cfg"}}""");
    }

    [Test]
    public void Retain_keys_must_name_every_patched_key()
    {
        FluentActions.Invoking(() => Patch(Deployment, """{"spec":{"strategy":{"$retainKeys":["type"],"rollingUpdate":{"maxSurge":1}}}}"""))
            .Should().Throw<PatchException>().WithMessage("invalid patch format of retainKeys");
    }

    [Test]
    public void Service_ports_merge_by_port()
    {
        var service = """
            {"apiVersion":"v1","kind":"Service","metadata":{"name":"s"},
             "spec":{"type":"ClusterIP","ports":[{"name":"http","port":80,"targetPort":8080},{"name":"https","port":443}]}}
            """;
        var result = Patch(service, """{"spec":{"ports":[{"port":80,"targetPort":9090},{"port":443,"$patch":"delete"}]}}""", "v1", "Service");
        At(result, "spec.ports").ToJsonString().Should().Be("""[{"name":"http","port":80,"targetPort":9090}]""");
    }

    [Test]
    public void Cronjob_job_template_containers_merge_by_name()
    {
        var cronJob = """
            {"apiVersion":"batch/v1","kind":"CronJob","metadata":{"name":"c"},
             "spec":{"schedule":"* * * * *","jobTemplate":{"spec":{"template":{"spec":{"containers":[{"name":"a","image":"1"},{"name":"b","image":"1"}]}}}}}}
            """;
        var result = Patch(cronJob, """{"spec":{"jobTemplate":{"spec":{"template":{"spec":{"containers":[{"name":"b","image":"2"}]}}}}}}""", "batch/v1", "CronJob");
        Names(result, "spec.jobTemplate.spec.template.spec.containers").Should().Equal("a", "b");
        At(result, "spec.jobTemplate.spec.template.spec.containers.1.image").ToString().Should().Be("2");
    }

    [Test]
    public void Pod_status_conditions_merge_by_type()
    {
        var pod = """{"apiVersion":"v1","kind":"Pod","status":{"phase":"Pending","conditions":[{"type":"PodScheduled","status":"True"},{"type":"Ready","status":"False"}]}}""";
        var result = Patch(pod, """{"status":{"phase":"Running","conditions":[{"type":"Ready","status":"True"}]}}""", "v1", "Pod");
        At(result, "status.conditions").ToJsonString().Should().Be("""[{"type":"PodScheduled","status":"True"},{"type":"Ready","status":"True"}]""");
    }

    [Test]
    public void Owner_references_merge_by_uid_for_any_built_in_kind()
    {
        var configMap = """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","ownerReferences":[{"uid":"1","name":"a"}]},"data":{"k":"v"}}""";
        var result = Patch(configMap, """{"metadata":{"ownerReferences":[{"uid":"2","name":"b"}]},"data":{"k2":"v2"}}""", "v1", "ConfigMap");
        Names(result, "metadata.ownerReferences", "uid").Should().Equal("2", "1");
        At(result, "data").ToJsonString().Should().Be("""{"k":"v","k2":"v2"}""");
    }

    [Test]
    public void Custom_resources_replace_lists()
    {
        var custom = """{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"finalizers":["a"]},"spec":{"containers":[{"name":"a"},{"name":"b"}]}}""";
        var result = Patch(custom, """{"metadata":{"finalizers":["b"]},"spec":{"containers":[{"name":"b","x":1}]}}""", "example.com/v1", "Widget");
        At(result, "spec.containers").ToJsonString().Should().Be("""[{"name":"b","x":1}]""");
        At(result, "metadata.finalizers").ToJsonString().Should().Be("""["b"]""");
    }

    [TestCase("apps/v1", "Deployment", true)]
    [TestCase("v1", "ConfigMap", true)]
    [TestCase("coordination.k8s.io/v1", "Lease", true)]
    [TestCase("storage.kubestash.com/v1alpha1", "Repository", false)]
    public void Only_built_in_kinds_take_strategic_merge_patches(string apiVersion, string kind, bool supported) =>
        StrategicMergePatch.SupportsKind(apiVersion, kind).Should().Be(supported);

    [Test]
    public void New_fields_lose_their_directives_and_nulls()
    {
        var result = Patch("""{"apiVersion":"apps/v1","kind":"Deployment","spec":{}}""", """
            {"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"a"}],"containers":[{"name":"a","env":[{"name":"X","value":"1"},{"$patch":"delete","name":"Y"}],"image":null}]}}}}
            """);
        result.ToJsonString().Should().Be("""{"apiVersion":"apps/v1","kind":"Deployment","spec":{"template":{"spec":{"containers":[{"name":"a","env":[{"name":"X","value":"1"}]}]}}}}""");
    }

    [Test]
    public void Inputs_are_left_unchanged()
    {
        var original = JsonNode.Parse(Deployment)!.AsObject();
        var patch = JsonNode.Parse("""{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"x"}]}}}}""")!.AsObject();
        var before = (original.ToJsonString(), patch.ToJsonString());
        StrategicMergePatch.Apply(original, patch, "apps/v1", "Deployment");
        (original.ToJsonString(), patch.ToJsonString()).Should().Be(before);
    }

    [Test]
    public void Errors_for_bad_patches()
    {
        FluentActions.Invoking(() => Patch(Deployment, """{"spec":{"template":{"spec":{"containers":[{"image":"x"}]}}}}"""))
            .Should().Throw<PatchException>().WithMessage("*does not contain declared merge key: name*");
        FluentActions.Invoking(() => Patch(Deployment, """{"spec":{"selector":{"$patch":"bogus"}}}"""))
            .Should().Throw<PatchException>().Which.Malformed.Should().BeTrue();
        FluentActions.Invoking(() => Patch(Deployment, """{"spec":{"template":{"spec":{"containers":[{"name":"web"},{"$patch":"merge"}]}}}}"""))
            .Should().Throw<PatchException>().WithMessage("merging lists cannot yet be specified in the patch");
        FluentActions.Invoking(() => Patch(Deployment, """{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"sidecar"}],"containers":[{"name":"web","image":"x"}]}}}}"""))
            .Should().Throw<PatchException>().WithMessage("The order in patch list*");
    }
}
