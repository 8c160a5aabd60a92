using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json.Nodes;

namespace KubeStash.LocalCluster.Semantics;

/// <summary>
/// kube-apiserver's default table printers for the common built-in kinds (pkg/printers/internalversion), with
/// their column names, types, priorities and cell rules.
/// </summary>
internal static class BuiltInPrinters
{
    public const string NameDescription = "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names";

    public const string CreationTimestampDescription = "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";

    private static readonly FrozenDictionary<(string Group, string Kind), IReadOnlyList<TableColumn>> Printers = new Dictionary<(string Group, string Kind), IReadOnlyList<TableColumn>>
    {
        [(string.Empty, "Pod")] = PodColumns(),
        [("apps", "Deployment")] =
        [
            Name(),
            Computed("Ready", "string", "Number of the pod with ready state", o => Ratio(o, "status.readyReplicas", "spec.replicas")),
            Computed("Up-to-date", "string", "Total number of non-terminated pods targeted by this deployment that have the desired template spec.", o => JsonRead.Integer(o, "status.updatedReplicas")),
            Computed("Available", "string", "Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.", o => JsonRead.Integer(o, "status.availableReplicas")),
            Age(),
            .. TemplateColumns("spec.template.spec"),
            Computed("Selector", "string", "Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment.", o => SelectorText(o), priority: 1),
        ],
        [("apps", "ReplicaSet")] =
        [
            Name(),
            Computed("Desired", "integer", "Replicas is the number of desired replicas.", o => JsonRead.Integer(o, "spec.replicas")),
            Computed("Current", "integer", "Replicas is the most recently observed number of replicas.", o => JsonRead.Integer(o, "status.replicas")),
            Computed("Ready", "integer", "The number of ready replicas for this replica set.", o => JsonRead.Integer(o, "status.readyReplicas")),
            Age(),
            .. TemplateColumns("spec.template.spec"),
            Computed("Selector", "string", "Selector is a label query over pods that should match the replica count.", o => SelectorText(o), priority: 1),
        ],
        [("apps", "StatefulSet")] =
        [
            Name(),
            Computed("Ready", "string", "Number of the pod with ready state", o => Ratio(o, "status.readyReplicas", "spec.replicas")),
            Age(),
            .. TemplateColumns("spec.template.spec"),
        ],
        [("apps", "DaemonSet")] =
        [
            Name(),
            Computed("Desired", "integer", "The total number of nodes that should be running the daemon pod.", o => JsonRead.Integer(o, "status.desiredNumberScheduled")),
            Computed("Current", "integer", "The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod.", o => JsonRead.Integer(o, "status.currentNumberScheduled")),
            Computed("Ready", "integer", "The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and ready.", o => JsonRead.Integer(o, "status.numberReady")),
            Computed("Up-to-date", "integer", "The total number of nodes that are running updated daemon pod", o => JsonRead.Integer(o, "status.updatedNumberScheduled")),
            Computed("Available", "integer", "The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available (ready for at least spec.minReadySeconds)", o => JsonRead.Integer(o, "status.numberAvailable")),
            Computed("Node Selector", "string", "NodeSelector is a selector which must be true for the pod to fit on a node.", o => LabelsText(JsonRead.At(o, "spec.template.spec.nodeSelector") as JsonObject)),
            Age(),
            .. TemplateColumns("spec.template.spec"),
            Computed("Selector", "string", "A label query over pods that are managed by the daemon set.", o => SelectorText(o), priority: 1),
        ],
        [("batch", "Job")] =
        [
            Name(),
            Computed("Status", "string", "Status of the job.", o => JobStatus(o)),
            Computed("Completions", "string", "The desired number of successfully finished pods the job should be run with.", o => JobCompletions(o)),
            ComputedAt("Duration", "string", "Time required to complete the job.", JobDuration),
            Age(),
            .. TemplateColumns("spec.template.spec"),
            Computed("Selector", "string", "A label query over pods that should match the pod count.", o => SelectorText(o), priority: 1),
        ],
        [("batch", "CronJob")] =
        [
            Name(),
            Computed("Schedule", "string", "The schedule in Cron format, see https://en.wikipedia.org/wiki/Cron.", o => JsonRead.String(o, "spec.schedule")),
            Computed("Timezone", "string", "The time zone name for the given schedule, see https://en.wikipedia.org/wiki/List_of_tz_database_time_zones.", o => OrNone(JsonRead.String(o, "spec.timeZone"))),
            Computed("Suspend", "boolean", "This flag tells the controller to suspend subsequent executions.", o => JsonRead.Boolean(o, "spec.suspend") == true ? "True" : "False"),
            Computed("Active", "integer", "A list of pointers to currently running jobs.", o => (long)JsonRead.Count(o, "status.active")),
            ComputedAt("Last Schedule", "string", "Information when was the last time the job was successfully scheduled.", (o, now) =>
                JsonRead.Time(o, "status.lastScheduleTime") is { } last ? HumanDuration.Since(last, now) : "<none>"),
            Age(),
            .. TemplateColumns("spec.jobTemplate.spec.template.spec"),
            Computed("Selector", "string", "A label query over pods that should match the pod count.", o => SelectorText(o, "spec.jobTemplate.spec.selector"), priority: 1),
        ],
        [(string.Empty, "Namespace")] =
        [
            Name(),
            Computed("Status", "string", "The status of the namespace", o => JsonRead.String(o, "status.phase")),
            Age(),
        ],
        [(string.Empty, "ConfigMap")] =
        [
            Name(),
            Computed("Data", "string", "Data contains the configuration data.", o => (long)(JsonRead.Count(o, "data") + JsonRead.Count(o, "binaryData"))),
            Age(),
        ],
        [(string.Empty, "Secret")] =
        [
            Name(),
            Computed("Type", "string", "Used to facilitate programmatic handling of secret data.", o => JsonRead.String(o, "type")),
            Computed("Data", "string", "Data contains the secret data.", o => (long)JsonRead.Count(o, "data")),
            Age(),
        ],
        [(string.Empty, "ServiceAccount")] =
        [
            Name(),
            Computed("Secrets", "string", "Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use.", o => (long)JsonRead.Count(o, "secrets")),
            Age(),
        ],
        [(string.Empty, "Service")] =
        [
            Name(),
            Computed("Type", "string", "type determines how the Service is exposed.", o => JsonRead.String(o, "spec.type")),
            Computed("Cluster-IP", "string", "clusterIP is the IP address of the service and is usually assigned randomly.", o => OrNone(JsonRead.String(o, "spec.clusterIP"))),
            Computed("External-IP", "string", "externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.", o => ServiceExternalIp(o)),
            Computed("Port(s)", "string", "The list of ports that are exposed by this service.", o => ServicePorts(o)),
            Age(),
            Computed("Selector", "string", "Route service traffic to pods with label keys and values matching this selector.", o => LabelsText(JsonRead.At(o, "spec.selector") as JsonObject), priority: 1),
        ],
        [(string.Empty, "Node")] =
        [
            Name(),
            Computed("Status", "string", "The status of the node", o => NodeStatus(o)),
            Computed("Roles", "string", "The roles of the node", o => NodeRoles(o)),
            Age(),
            Computed("Version", "string", "Kubelet Version reported by the node.", o => JsonRead.String(o, "status.nodeInfo.kubeletVersion")),
            Computed("Internal-IP", "string", "List of addresses reachable to the node. Queried from cloud provider, if available.", o => NodeAddress(o, "InternalIP"), priority: 1),
            Computed("External-IP", "string", "List of addresses reachable to the node. Queried from cloud provider, if available.", o => NodeAddress(o, "ExternalIP"), priority: 1),
            Computed("OS-Image", "string", "OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).", o => OrUnknown(JsonRead.String(o, "status.nodeInfo.osImage")), priority: 1),
            Computed("Kernel-Version", "string", "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).", o => OrUnknown(JsonRead.String(o, "status.nodeInfo.kernelVersion")), priority: 1),
            Computed("Container-Runtime", "string", "ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).", o => OrUnknown(JsonRead.String(o, "status.nodeInfo.containerRuntimeVersion")), priority: 1),
        ],
        [(string.Empty, "Event")] = EventColumns(),
        [("events.k8s.io", "Event")] = EventColumns(),
        [("rbac.authorization.k8s.io", "Role")] = [Name(), CreatedAt()],
        [("rbac.authorization.k8s.io", "ClusterRole")] = [Name(), CreatedAt()],
        [("rbac.authorization.k8s.io", "RoleBinding")] = BindingColumns(),
        [("rbac.authorization.k8s.io", "ClusterRoleBinding")] = BindingColumns(),
    }.ToFrozenDictionary();

    public static IReadOnlyList<TableColumn>? For(string group, string kind) => Printers.GetValueOrDefault((group, kind));

    public static TableColumn Name() => new("Name", "string", ".metadata.name", Description: NameDescription, Format: "name")
    {
        Cell = (o, _) => JsonRead.String(o, "metadata.name"),
    };

    public static TableColumn Age() => new("Age", "string", ".metadata.creationTimestamp", Description: CreationTimestampDescription)
    {
        Cell = (o, now) => HumanDuration.Since(JsonRead.Time(o, "metadata.creationTimestamp"), now),
    };

    private static TableColumn CreatedAt() => new("Created At", "date", ".metadata.creationTimestamp", Description: CreationTimestampDescription)
    {
        Cell = (o, _) => JsonRead.Time(o, "metadata.creationTimestamp") is { } time
            ? time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : null,
    };

    private static TableColumn Computed(string name, string type, string description, Func<JsonObject, JsonNode?> cell, int priority = 0) =>
        new(name, type, string.Empty, priority, description) { Cell = (o, _) => cell(o) };

    private static TableColumn ComputedAt(string name, string type, string description, Func<JsonObject, DateTimeOffset, JsonNode?> cell, int priority = 0) =>
        new(name, type, string.Empty, priority, description) { Cell = cell };

    private static TableColumn[] TemplateColumns(string podSpecPath) =>
    [
        Computed("Containers", "string", "Names of each container in the template.", o => string.Join(",", JsonRead.Objects(o, podSpecPath + ".containers").Select(c => JsonRead.String(c, "name"))), priority: 1),
        Computed("Images", "string", "Images referenced by each container in the template.", o => string.Join(",", JsonRead.Objects(o, podSpecPath + ".containers").Select(c => JsonRead.String(c, "image"))), priority: 1),
    ];

    private static IReadOnlyList<TableColumn> BindingColumns() =>
    [
        Name(),
        Computed("Role", "string", "Role of the binding", o => JsonRead.String(o, "roleRef.kind") + "/" + JsonRead.String(o, "roleRef.name")),
        Age(),
        Computed("Users", "string", "Users in the binding", o => Subjects(o, "User"), priority: 1),
        Computed("Groups", "string", "Groups in the binding", o => Subjects(o, "Group"), priority: 1),
        Computed("ServiceAccounts", "string", "ServiceAccounts in the binding", o => Subjects(o, "ServiceAccount"), priority: 1),
    ];

    private static string Subjects(JsonObject binding, string kind) => string.Join(", ", JsonRead.Objects(binding, "subjects")
        .Where(s => JsonRead.String(s, "kind") == kind)
        .Select(s => kind == "ServiceAccount" ? JsonRead.String(s, "namespace") + "/" + JsonRead.String(s, "name") : JsonRead.String(s, "name")));

    private static IReadOnlyList<TableColumn> PodColumns() =>
    [
        Name(),
        Computed("Ready", "string", "The aggregate readiness state of this pod for accepting traffic.", o => PodStatusPrinter.Ready(o)),
        Computed("Status", "string", "The aggregate status of the containers in this pod.", o => PodStatusPrinter.Reason(o)),
        ComputedAt("Restarts", "string", "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.", PodStatusPrinter.Restarts),
        Age(),
        Computed("IP", "string", "podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.", o => OrNone(JsonRead.Objects(o, "status.podIPs").Select(ip => JsonRead.String(ip, "ip")).FirstOrDefault() ?? JsonRead.String(o, "status.podIP")), priority: 1),
        Computed("Node", "string", "NodeName indicates in which node this pod is scheduled.", o => OrNone(JsonRead.String(o, "spec.nodeName")), priority: 1),
        Computed("Nominated Node", "string", "nominatedNodeName is set only when this pod preempts other pods on the node, but it cannot be scheduled right away as preemption victims receive their graceful termination periods.", o => OrNone(JsonRead.String(o, "status.nominatedNodeName")), priority: 1),
        Computed("Readiness Gates", "string", "If specified, all readiness gates will be evaluated for pod readiness.", o => PodStatusPrinter.ReadinessGates(o), priority: 1),
    ];

    private static string OrNone(string? text) => string.IsNullOrEmpty(text) ? "<none>" : text;

    private static string OrUnknown(string? text) => string.IsNullOrEmpty(text) ? "<unknown>" : text;

    private static string NodeStatus(JsonObject node)
    {
        var status = new List<string>();
        if (JsonRead.Objects(node, "status.conditions").FirstOrDefault(c => JsonRead.String(c, "type") == "Ready") is { } ready)
        {
            status.Add(JsonRead.String(ready, "status") == "True" ? "Ready" : "NotReady");
        }
        else
        {
            status.Add("Unknown");
        }

        if (JsonRead.Boolean(node, "spec.unschedulable") == true)
        {
            status.Add("SchedulingDisabled");
        }

        return string.Join(",", status);
    }

    private static string NodeRoles(JsonObject node)
    {
        const string rolePrefix = "node-role.kubernetes.io/";
        var roles = new SortedSet<string>(StringComparer.Ordinal);
        if (JsonRead.At(node, "metadata.labels") is JsonObject labels)
        {
            foreach (var (key, value) in labels)
            {
                if (key.StartsWith(rolePrefix, StringComparison.Ordinal) && key.Length > rolePrefix.Length)
                {
                    roles.Add(key[rolePrefix.Length..]);
                }
                else if (key == "kubernetes.io/role" && value?.ToString() is { Length: > 0 } role)
                {
                    roles.Add(role);
                }
            }
        }

        return roles.Count == 0 ? "<none>" : string.Join(",", roles);
    }

    private static string NodeAddress(JsonObject node, string type) =>
        JsonRead.Objects(node, "status.addresses").FirstOrDefault(a => JsonRead.String(a, "type") == type) is { } address
            ? JsonRead.String(address, "address")
            : "<none>";

    private static IReadOnlyList<TableColumn> EventColumns() =>
    [
        ComputedAt("Last Seen", "string", "Time when this Event was last seen", (o, now) => EventLastSeen(o, now)),
        Computed("Type", "string", "Type of this event (Normal, Warning), new types could be added in the future.", o => JsonRead.String(o, "type")),
        Computed("Reason", "string", "This should be a short, machine understandable string that gives the reason for the transition into the object's current status.", o => JsonRead.String(o, "reason")),
        Computed("Object", "string", "The object that this event is about.", o => EventTarget(o)),
        Computed("Subobject", "string", "The subobject that this event is about.", o => JsonRead.String(o, "involvedObject.fieldPath"), priority: 1),
        Computed("Source", "string", "The component reporting this event. Should be a short machine understandable string.", o => EventSource(o), priority: 1),
        Computed("Message", "string", "A human-readable description of the status of this operation.", o => JsonRead.String(o, "message").Trim()),
        ComputedAt("First Seen", "string", "The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)", (o, now) => EventFirstSeen(o, now), priority: 1),
        Computed("Count", "string", "The number of times this event has occurred.", o => EventCount(o), priority: 1),
        new("Name", "string", ".metadata.name", 1, NameDescription) { Cell = (o, _) => JsonRead.String(o, "metadata.name") },
    ];

    private static string EventFirstSeen(JsonObject evt, DateTimeOffset now) =>
        HumanDuration.Since(JsonRead.Time(evt, "firstTimestamp") ?? JsonRead.Time(evt, "eventTime"), now);

    private static string EventLastSeen(JsonObject evt, DateTimeOffset now)
    {
        if (JsonRead.Time(evt, "series.lastObservedTime") is { } observed)
        {
            return HumanDuration.Since(observed, now);
        }

        return JsonRead.Time(evt, "lastTimestamp") is { } last ? HumanDuration.Since(last, now) : EventFirstSeen(evt, now);
    }

    private static long EventCount(JsonObject evt)
    {
        if (JsonRead.At(evt, "series") is JsonObject)
        {
            return JsonRead.Integer(evt, "series.count");
        }

        var count = JsonRead.Integer(evt, "count");
        return count == 0 ? 1 : count;
    }

    private static string EventTarget(JsonObject evt)
    {
        var kind = JsonRead.String(evt, "involvedObject.kind").ToLowerInvariant();
        var name = JsonRead.String(evt, "involvedObject.name");
        return name.Length > 0 ? kind + "/" + name : kind;
    }

    private static string EventSource(JsonObject evt)
    {
        var component = JsonRead.String(evt, "source.component") is { Length: > 0 } c ? c : JsonRead.String(evt, "reportingComponent");
        var instance = JsonRead.String(evt, "source.host") is { Length: > 0 } h ? h : JsonRead.String(evt, "reportingInstance");
        return instance.Length == 0 ? component : component + ", " + instance;
    }

    private static string Ratio(JsonObject obj, string actualPath, string desiredPath) =>
        string.Create(CultureInfo.InvariantCulture, $"{JsonRead.Integer(obj, actualPath)}/{JsonRead.Integer(obj, desiredPath)}");

    private static string LabelsText(JsonObject? labels) =>
        labels is null || labels.Count == 0
            ? "<none>"
            : string.Join(",", labels.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value?.ToString()));

    /// <summary>metav1.LabelSelectorAsSelector(...).String(): matchLabels as <c>k=v</c>, expressions in selector syntax.</summary>
    private static string SelectorText(JsonObject obj, string path = "spec.selector")
    {
        if (JsonRead.At(obj, path) is not JsonObject selector)
        {
            return "<none>";
        }

        var terms = new List<(string Key, string Text)>();
        if (selector["matchLabels"] is JsonObject labels)
        {
            terms.AddRange(labels.Select(p => (p.Key, p.Key + "=" + p.Value?.ToString())));
        }

        foreach (var expression in JsonRead.Objects(selector, "matchExpressions"))
        {
            var key = JsonRead.String(expression, "key");
            var values = JsonRead.At(expression, "values") is JsonArray array
                ? array.Select(v => v?.ToString() ?? string.Empty).Order(StringComparer.Ordinal).ToList()
                : [];
            terms.Add((key, JsonRead.String(expression, "operator") switch
            {
                "In" => $"{key} in ({string.Join(",", values)})",
                "NotIn" => $"{key} notin ({string.Join(",", values)})",
                "Exists" => key,
                "DoesNotExist" => "!" + key,
                var other => $"{key} {other} ({string.Join(",", values)})",
            }));
        }

        return terms.Count == 0 ? string.Empty : string.Join(",", terms.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => t.Text));
    }

    private static bool HasCondition(JsonObject obj, string type) =>
        JsonRead.Objects(obj, "status.conditions").Any(c => JsonRead.String(c, "type") == type && JsonRead.String(c, "status") == "True");

    private static string JobStatus(JsonObject job)
    {
        if (HasCondition(job, "Complete"))
        {
            return "Complete";
        }

        if (HasCondition(job, "Failed"))
        {
            return "Failed";
        }

        if (JsonRead.At(job, "metadata.deletionTimestamp") is not null)
        {
            return "Terminating";
        }

        if (HasCondition(job, "SuccessCriteriaMet"))
        {
            return "SuccessCriteriaMet";
        }

        if (HasCondition(job, "Suspended"))
        {
            return "Suspended";
        }

        return HasCondition(job, "FailureTarget") ? "FailureTarget" : "Running";
    }

    private static string JobCompletions(JsonObject job)
    {
        var succeeded = JsonRead.Integer(job, "status.succeeded");
        if (JsonRead.At(job, "spec.completions") is not null)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{succeeded}/{JsonRead.Integer(job, "spec.completions")}");
        }

        var parallelism = JsonRead.Integer(job, "spec.parallelism");
        return parallelism > 1
            ? string.Create(CultureInfo.InvariantCulture, $"{succeeded}/1 of {parallelism}")
            : string.Create(CultureInfo.InvariantCulture, $"{succeeded}/1");
    }

    private static JsonNode? JobDuration(JsonObject job, DateTimeOffset now)
    {
        if (JsonRead.Time(job, "status.startTime") is not { } start)
        {
            return string.Empty;
        }

        return JsonRead.Time(job, "status.completionTime") is { } end
            ? HumanDuration.Format(end - start)
            : HumanDuration.Format(now - start);
    }

    private static string ServiceExternalIp(JsonObject service)
    {
        var externalIps = JsonRead.At(service, "spec.externalIPs") is JsonArray ips ? ips.Select(ip => ip?.ToString() ?? string.Empty).ToList() : [];
        switch (JsonRead.String(service, "spec.type"))
        {
            case "ClusterIP":
            case "NodePort":
            case "":
                return externalIps.Count > 0 ? string.Join(",", externalIps) : "<none>";
            case "LoadBalancer":
                var ingress = JsonRead.Objects(service, "status.loadBalancer.ingress")
                    .Select(i => JsonRead.String(i, "ip") is { Length: > 0 } ip ? ip : JsonRead.String(i, "hostname"))
                    .Where(s => s.Length > 0)
                    .ToList();
                var all = ingress.Concat(externalIps).ToList();
                return all.Count > 0 ? string.Join(",", all) : "<pending>";
            case "ExternalName":
                return JsonRead.String(service, "spec.externalName");
            default:
                return "<unknown>";
        }
    }

    private static string ServicePorts(JsonObject service)
    {
        var ports = JsonRead.Objects(service, "spec.ports").Select(p =>
        {
            var protocol = JsonRead.String(p, "protocol") is { Length: > 0 } proto ? proto : "TCP";
            var nodePort = JsonRead.Integer(p, "nodePort");
            return nodePort > 0
                ? string.Create(CultureInfo.InvariantCulture, $"{JsonRead.Integer(p, "port")}:{nodePort}/{protocol}")
                : string.Create(CultureInfo.InvariantCulture, $"{JsonRead.Integer(p, "port")}/{protocol}");
        }).ToList();
        return ports.Count == 0 ? "<none>" : string.Join(",", ports);
    }
}
