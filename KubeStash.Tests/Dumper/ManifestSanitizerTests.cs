using System.Text.Json.Nodes;
using KubeStash.Dumper.Sanitizing;

namespace KubeStash.Tests.Dumper;

/// <summary>Type-specific sanitizing rules the seeded-cluster tests do not reach.</summary>
public sealed class ManifestSanitizerTests
{
    [Test]
    public void Service_keeps_what_the_user_asked_for_and_drops_what_the_cluster_assigned()
    {
        var lastApplied = """{"spec":{"type":"NodePort","ports":[{"port":80,"nodePort":30080}]}}""";
        var annotation = System.Text.Json.JsonSerializer.Serialize(lastApplied);
        var service = Parse($$"""
            {"metadata": {"name": "web", "annotations": {"kubectl.kubernetes.io/last-applied-configuration": {{annotation}} } },
             "spec": {"type": "NodePort", "clusterIP": "10.0.0.1", "clusterIPs": ["10.0.0.1"], "healthCheckNodePort": 31000,
                      "ports": [{"port": 80, "nodePort": 30080}, {"port": 443, "nodePort": 31443}] },
             "status": {"loadBalancer": {} } }
            """);
        ManifestSanitizer.Sanitize(service, string.Empty, "Service");
        JsonNode.DeepEquals(service, Parse("""
            {"metadata": {"name": "web"},
             "spec": {"type": "NodePort", "ports": [{"port": 80, "nodePort": 30080}, {"port": 443}]}}
            """)).Should().BeTrue(service.ToJsonString());
    }

    [Test]
    public void Headless_service_keeps_clusterIP_none()
    {
        var service = Parse("""{"metadata": {"name": "db"}, "spec": {"clusterIP": "None", "clusterIPs": ["None"]}}""");
        ManifestSanitizer.Sanitize(service, string.Empty, "Service");
        service["spec"]!["clusterIP"]!.GetValue<string>().Should().Be("None");
    }

    [Test]
    public void Bound_volume_and_claim_lose_their_binding_identity()
    {
        var volume = Parse("""{"metadata": {"name": "pv1", "annotations": {"pv.kubernetes.io/bound-by-controller": "yes"}}, "spec": {"claimRef": {"name": "data", "namespace": "shop", "uid": "u", "resourceVersion": "7"}}}""");
        ManifestSanitizer.Sanitize(volume, string.Empty, "PersistentVolume");
        JsonNode.DeepEquals(volume, Parse("""{"metadata": {"name": "pv1"}, "spec": {"claimRef": {"name": "data", "namespace": "shop"}}}""")).Should().BeTrue(volume.ToJsonString());

        var claim = Parse("""{"metadata": {"name": "data", "annotations": {"pv.kubernetes.io/bind-completed": "yes", "keep": "me"}}, "spec": {"volumeName": "pv1"}, "status": {"phase": "Bound"}}""");
        ManifestSanitizer.Sanitize(claim, string.Empty, "PersistentVolumeClaim");
        JsonNode.DeepEquals(claim, Parse("""{"metadata": {"name": "data", "annotations": {"keep": "me"}}, "spec": {"volumeName": "pv1"}}""")).Should().BeTrue(claim.ToJsonString());
    }

    [Test]
    public void Job_loses_its_generated_selector_unless_manual()
    {
        var job = Parse("""
            {"metadata": {"name": "once", "labels": {"controller-uid": "u", "team": "a"}, "uid": "u", "ownerReferences": [{"uid": "c"}]},
             "spec": {"selector": {"matchLabels": {"controller-uid": "u"}},
                      "template": {"metadata": {"creationTimestamp": null, "labels": {"controller-uid": "u", "job-name": "once"}}, "spec": {"restartPolicy": "Never"}}}}
            """);
        ManifestSanitizer.Sanitize(job, "batch", "Job");
        JsonNode.DeepEquals(job, Parse("""
            {"metadata": {"name": "once", "labels": {"team": "a"}},
             "spec": {"template": {"metadata": {}, "spec": {"restartPolicy": "Never"}}}}
            """)).Should().BeTrue(job.ToJsonString());

        var manual = Parse("""{"metadata": {"name": "m"}, "spec": {"manualSelector": true, "selector": {"matchLabels": {"x": "y"}}}}""");
        ManifestSanitizer.Sanitize(manual, "batch", "Job");
        manual["spec"]!["selector"].Should().NotBeNull();
    }

    private static JsonObject Parse(string json) => (JsonObject)JsonNode.Parse(json)!;
}
