using System.Text.Json.Nodes;
using KubeStash.LocalCluster.Semantics;

namespace KubeStash.Tests.LocalCluster.Semantics;

/// <summary>
/// The real kubectl as the judge: <c>kubectl patch --local --type strategic</c> runs apimachinery's own strategic
/// merge patch offline; each case must come out the same from ours (both results normalised through kubectl's
/// typed decoding, so field order and omitted empties do not matter).
/// </summary>
public sealed class StrategicMergePatchKubectlTests
{
    private const string Deployment = """
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"default","labels":{"app":"web","tier":"fe"},"finalizers":["a/one","b/two"],
          "ownerReferences":[{"apiVersion":"v1","kind":"ConfigMap","name":"o1","uid":"u1"}]},
         "spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":1}},
          "template":{"metadata":{"labels":{"app":"web"}},"spec":{
            "initContainers":[{"name":"init","image":"i"}],
            "containers":[
              {"name":"a","image":"1","env":[{"name":"A","value":"1"},{"name":"B","value":"2"}],"ports":[{"containerPort":80},{"containerPort":8080}],
               "volumeMounts":[{"name":"data","mountPath":"/data"},{"name":"cache","mountPath":"/cache"}]},
              {"name":"injected","image":"x"},
              {"name":"b","image":"1"}],
            "volumes":[{"name":"data","emptyDir":{}},{"name":"cache","emptyDir":{}}],
            "imagePullSecrets":[{"name":"reg1"}],
            "hostAliases":[{"ip":"10.0.0.1","hostnames":["a"]}],
            "topologySpreadConstraints":[{"topologyKey":"zone","maxSkew":1,"whenUnsatisfiable":"DoNotSchedule"}],
            "tolerations":[{"key":"k1","operator":"Exists"},{"key":"k2","operator":"Exists"}],
            "nodeSelector":{"disk":"ssd","zone":"a"}}}}}
        """;

    private const string Service = """
        {"apiVersion":"v1","kind":"Service","metadata":{"name":"s","namespace":"default"},
         "spec":{"type":"ClusterIP","selector":{"app":"web"},"ports":[{"name":"http","port":80,"targetPort":8080},{"name":"https","port":443}]}}
        """;

    private const string CronJob = """
        {"apiVersion":"batch/v1","kind":"CronJob","metadata":{"name":"c","namespace":"default"},
         "spec":{"schedule":"* * * * *","jobTemplate":{"spec":{"template":{"spec":{"restartPolicy":"Never","containers":[{"name":"a","image":"1","env":[{"name":"X","value":"1"}]},{"name":"b","image":"1"}]}}}}}}
        """;

    private const string Pod = """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","namespace":"default"},"spec":{"containers":[{"name":"a","image":"1"}]},
         "status":{"phase":"Pending","conditions":[{"type":"PodScheduled","status":"True"},{"type":"Ready","status":"False"}],"podIPs":[{"ip":"10.0.0.1"}]}}
        """;

    private static readonly object[] Cases =
    [
        new object[] { "image change with element order", Deployment, """{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"a"},{"name":"b"}],"containers":[{"image":"2","name":"b"}]}}}}""" },
        new object[] { "new container between server-only ones", Deployment, """{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"a"},{"name":"b"},{"name":"c"}],"containers":[{"image":"2","name":"b"},{"image":"1","name":"c","env":[{"name":"Z","value":"z"}]}]}}}}""" },
        new object[] { "env add, delete and reorder", Deployment, """{"spec":{"template":{"spec":{"containers":[{"$setElementOrder/env":[{"name":"C"},{"name":"A"}],"env":[{"name":"C","value":"3"},{"$patch":"delete","name":"B"}],"name":"a"}]}}}}""" },
        new object[] { "port removal", Deployment, """{"spec":{"template":{"spec":{"containers":[{"name":"a","ports":[{"$patch":"delete","containerPort":8080}]}]}}}}""" },
        new object[] { "port change by containerPort", Deployment, """{"spec":{"template":{"spec":{"containers":[{"name":"a","ports":[{"containerPort":8080,"name":"admin","protocol":"TCP"}]}]}}}}""" },
        new object[] { "volume mount by mountPath and volume source switch", Deployment, """{"spec":{"template":{"spec":{"containers":[{"name":"a","volumeMounts":[{"mountPath":"/cache","readOnly":true,"name":"cache"}]}],"$setElementOrder/volumes":[{"name":"data"},{"name":"cache"}],"volumes":[{"$retainKeys":["configMap","name"],"configMap":{"name":"cfg"},"name":"data"}]}}}}""" },
        new object[] { "finalizers delete and order", Deployment, """{"metadata":{"$deleteFromPrimitiveList/finalizers":["a/one"],"$setElementOrder/finalizers":["c/three","b/two"],"finalizers":["c/three"]}}""" },
        new object[] { "finalizers union", Deployment, """{"metadata":{"finalizers":["b/two","z/last"]}}""" },
        new object[] { "owner references by uid", Deployment, """{"metadata":{"ownerReferences":[{"apiVersion":"v1","kind":"Secret","name":"o2","uid":"u2"},{"apiVersion":"v1","kind":"ConfigMap","name":"renamed","uid":"u1"}]}}""" },
        new object[] { "strategy retainKeys", Deployment, """{"spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate","rollingUpdate":null}}}""" },
        new object[] { "label removal and unmatched null", Deployment, """{"metadata":{"labels":{"tier":null,"nothere":null,"new":"x"}}}""" },
        new object[] { "map replace directive", Deployment, """{"spec":{"template":{"spec":{"nodeSelector":{"$patch":"replace","zone":"b"}}}}}""" },
        new object[] { "list replace directive", Deployment, """{"spec":{"template":{"spec":{"containers":[{"name":"only","image":"x"},{"$patch":"replace"}]}}}}""" },
        new object[] { "tolerations are replaced", Deployment, """{"spec":{"template":{"spec":{"tolerations":[{"key":"k3","operator":"Exists"}]}}}}""" },
        new object[] { "pull secrets, host aliases, spread constraints, init containers", Deployment, """{"spec":{"template":{"spec":{"imagePullSecrets":[{"name":"reg2"}],"hostAliases":[{"ip":"10.0.0.1","hostnames":["b"]},{"ip":"10.0.0.2","hostnames":["c"]}],"topologySpreadConstraints":[{"topologyKey":"zone","maxSkew":2,"whenUnsatisfiable":"DoNotSchedule"},{"topologyKey":"host","maxSkew":1,"whenUnsatisfiable":"ScheduleAnyway"}],"initContainers":[{"name":"init2","image":"j"}]}}}}""" },
        new object[] { "service ports by port", Service, """{"spec":{"ports":[{"port":80,"targetPort":9090},{"port":443,"$patch":"delete"},{"port":8443,"name":"alt"}]}}""" },
        new object[] { "cronjob template containers", CronJob, """{"spec":{"jobTemplate":{"spec":{"template":{"spec":{"containers":[{"name":"b","image":"2"},{"name":"a","env":[{"name":"Y","value":"2"}]}]}}}}}}""" },
        new object[] { "pod conditions by type", Pod, """{"status":{"phase":"Running","conditions":[{"type":"Ready","status":"True"},{"type":"Initialized","status":"True"}],"podIPs":[{"ip":"10.0.0.2"}]}}""" },
    ];

    [TestCaseSource(nameof(Cases))]
    public void Matches_kubectl(string name, string original, string patch)
    {
        var (expected, error) = KubectlLocalPatch.Run(original, "strategic", patch);
        expected.Should().NotBeNull(error);
        var obj = JsonNode.Parse(original)!.AsObject();
        var ours = StrategicMergePatch.Apply(obj, JsonNode.Parse(patch)!.AsObject(), obj["apiVersion"]!.GetValue<string>(), obj["kind"]!.GetValue<string>());
        KubectlLocalPatch.Normalise(ours).Should().Be(expected, name);
    }
}
