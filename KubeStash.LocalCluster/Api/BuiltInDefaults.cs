using System.Text.Json.Nodes;

namespace KubeStash.LocalCluster.Api;

/// <summary>
/// The defaults kube-apiserver fills into built-in kinds on every write (its SetDefaults_* functions), for the
/// kinds and fields clients commonly read back: pod specs wherever they appear, workload strategies and history
/// limits, Job and CronJob policies, Service ports and policies.
/// </summary>
internal static class BuiltInDefaults
{
    public static void Apply(ApiResource resource, JsonObject obj)
    {
        if (resource.IsCustom)
        {
            return;
        }
        var spec = obj["spec"] as JsonObject;
        switch (resource.GroupVersion, resource.Kind)
        {
            case ("v1", "Pod") when spec is not null:
                PodSpec(spec);
                break;
            case ("v1", "Service") when spec is not null:
                Service(spec);
                break;
            case ("v1", "PersistentVolumeClaim") when spec is not null:
                spec["volumeMode"] ??= "Filesystem";
                break;
            case ("apps/v1", "Deployment") when spec is not null:
                spec["replicas"] ??= 1;
                spec["strategy"] ??= new JsonObject { ["type"] = "RollingUpdate" };
                if (spec["strategy"] is JsonObject { } strategy && (ObjectJson.String(strategy["type"]) ?? "RollingUpdate") == "RollingUpdate")
                {
                    strategy["type"] = "RollingUpdate";
                    var rolling = strategy["rollingUpdate"] as JsonObject ?? [];
                    rolling["maxUnavailable"] ??= "25%";
                    rolling["maxSurge"] ??= "25%";
                    strategy["rollingUpdate"] = rolling;
                }
                spec["revisionHistoryLimit"] ??= 10;
                spec["progressDeadlineSeconds"] ??= 600;
                Template(spec);
                break;
            case ("apps/v1", "ReplicaSet") when spec is not null:
                spec["replicas"] ??= 1;
                Template(spec);
                break;
            case ("apps/v1", "StatefulSet") when spec is not null:
                spec["replicas"] ??= 1;
                spec["podManagementPolicy"] ??= "OrderedReady";
                spec["updateStrategy"] ??= new JsonObject { ["type"] = "RollingUpdate", ["rollingUpdate"] = new JsonObject { ["partition"] = 0 } };
                spec["revisionHistoryLimit"] ??= 10;
                spec["persistentVolumeClaimRetentionPolicy"] ??= new JsonObject { ["whenDeleted"] = "Retain", ["whenScaled"] = "Retain" };
                Template(spec);
                break;
            case ("apps/v1", "DaemonSet") when spec is not null:
                spec["updateStrategy"] ??= new JsonObject
                {
                    ["type"] = "RollingUpdate",
                    ["rollingUpdate"] = new JsonObject { ["maxUnavailable"] = 1, ["maxSurge"] = 0 },
                };
                spec["revisionHistoryLimit"] ??= 10;
                Template(spec);
                break;
            case ("batch/v1", "Job") when spec is not null:
                JobSpec(spec);
                break;
            case ("batch/v1", "CronJob") when spec is not null:
                spec["concurrencyPolicy"] ??= "Allow";
                spec["suspend"] ??= false;
                spec["successfulJobsHistoryLimit"] ??= 3;
                spec["failedJobsHistoryLimit"] ??= 1;
                if (spec["jobTemplate"]?["spec"] is JsonObject jobSpec)
                {
                    Template(jobSpec);
                }
                break;
        }
    }

    /// <summary>What kube's Job strategy does on create: a selector on the Job's uid, and the matching template labels.</summary>
    public static void GenerateJobSelector(JsonObject job)
    {
        if (job["spec"] is not JsonObject spec || spec["manualSelector"] is JsonValue manual && manual.GetValue<bool>())
        {
            return;
        }
        var uid = ObjectJson.Uid(job) ?? "";
        var name = ObjectJson.Name(job) ?? "";
        var template = spec["template"] as JsonObject ?? [];
        spec["template"] = template;
        var metadata = template["metadata"] as JsonObject ?? [];
        template["metadata"] = metadata;
        var labels = metadata["labels"] as JsonObject ?? [];
        metadata["labels"] = labels;
        labels["batch.kubernetes.io/controller-uid"] = uid;
        labels["batch.kubernetes.io/job-name"] = name;
        labels["controller-uid"] = uid;
        labels["job-name"] = name;
        spec["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["batch.kubernetes.io/controller-uid"] = uid } };
    }

    private static void JobSpec(JsonObject spec)
    {
        if (spec["completions"] is null && spec["parallelism"] is null)
        {
            spec["completions"] = 1;
            spec["parallelism"] = 1;
        }
        spec["parallelism"] ??= 1;
        spec["backoffLimit"] ??= 6;
        spec["completionMode"] ??= "NonIndexed";
        spec["suspend"] ??= false;
        spec["podReplacementPolicy"] ??= "TerminatingOrFailed";
        Template(spec);
    }

    private static void Template(JsonObject owner)
    {
        if (owner["template"]?["spec"] is JsonObject podSpec)
        {
            PodSpec(podSpec);
        }
    }

    private static void PodSpec(JsonObject spec)
    {
        spec["restartPolicy"] ??= "Always";
        spec["dnsPolicy"] ??= "ClusterFirst";
        spec["terminationGracePeriodSeconds"] ??= 30;
        spec["securityContext"] ??= new JsonObject();
        spec["schedulerName"] ??= "default-scheduler";
        foreach (var list in new[] { "containers", "initContainers" })
        {
            foreach (var container in (spec[list] as JsonArray ?? []).OfType<JsonObject>())
            {
                Container(container);
            }
        }
        foreach (var volume in (spec["volumes"] as JsonArray ?? []).OfType<JsonObject>())
        {
            foreach (var source in new[] { "configMap", "secret" })
            {
                if (volume[source] is JsonObject projected)
                {
                    projected["defaultMode"] ??= 420;
                }
            }
        }
    }

    private static void Container(JsonObject container)
    {
        container["terminationMessagePath"] ??= "/dev/termination-log";
        container["terminationMessagePolicy"] ??= "File";
        container["resources"] ??= new JsonObject();
        if (container["imagePullPolicy"] is null)
        {
            var image = ObjectJson.String(container["image"]) ?? "";
            var lastSegment = image[(image.LastIndexOf('/') + 1)..];
            var untaggedOrLatest = !lastSegment.Contains(':', StringComparison.Ordinal) && !image.Contains('@', StringComparison.Ordinal)
                || lastSegment.EndsWith(":latest", StringComparison.Ordinal);
            container["imagePullPolicy"] = untaggedOrLatest ? "Always" : "IfNotPresent";
        }
        foreach (var port in (container["ports"] as JsonArray ?? []).OfType<JsonObject>())
        {
            port["protocol"] ??= "TCP";
        }
    }

    private static void Service(JsonObject spec)
    {
        spec["type"] ??= "ClusterIP";
        spec["sessionAffinity"] ??= "None";
        spec["internalTrafficPolicy"] ??= "Cluster";
        spec["ipFamilies"] ??= new JsonArray("IPv4");
        spec["ipFamilyPolicy"] ??= "SingleStack";
        foreach (var port in (spec["ports"] as JsonArray ?? []).OfType<JsonObject>())
        {
            port["protocol"] ??= "TCP";
            port["targetPort"] ??= port["port"]?.DeepClone();
        }
    }
}
