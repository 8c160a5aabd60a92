using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using KubeStash.LocalCluster.Semantics;

namespace KubeStash.Tests.LocalCluster.Semantics;

public sealed class TableConverterTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2024-05-01T12:00:00Z", CultureInfo.InvariantCulture);

    private static JsonObject Obj(string json) => JsonNode.Parse(json)!.AsObject();

    private static JsonObject Table(IReadOnlyList<JsonObject> items, IReadOnlyList<TableColumn> columns, string includeObject = "") =>
        TableConverter.Convert(items, columns, Now, "42", null, includeObject);

    private static string[] Names(JsonObject table) =>
        table["columnDefinitions"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()).ToArray();

    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string Cells(JsonObject table, int row = 0) => table["rows"]![row]!["cells"]!.ToJsonString(Relaxed);

    private static readonly TableColumn[] BackupColumns =
    [
        new("Phase", "string", ".status.phase", Description: "the phase"),
        new("Replicas", "integer", ".spec.replicas"),
        new("Ratio", "number", ".spec.ratio", Priority: 1),
        new("Paused", "boolean", ".spec.paused"),
        new("Ready", "string", ".status.conditions[?(@.type==\"Ready\")].status"),
        new("Last Run", "date", ".status.lastRun"),
        new("Targets", "string", ".spec.targets[*].name"),
        new("Age", "date", ".metadata.creationTimestamp"),
    ];

    private const string Backup = """
        {"apiVersion":"example.com/v1","kind":"Backup","metadata":{"name":"daily","namespace":"ns","creationTimestamp":"2024-04-29T12:00:00Z","resourceVersion":"7"},
         "spec":{"replicas":2.0,"ratio":1,"paused":"no","targets":[{"name":"a"},{"name":"b"}]},
         "status":{"phase":"Ready","lastRun":"2024-05-01T11:55:00Z","conditions":[{"type":"Ready","status":"True"}]}}
        """;

    [Test]
    public void Crd_columns_follow_the_name_column()
    {
        var columns = TableConverter.ColumnsFor("example.com", "Backup", BackupColumns);
        columns.Select(c => c.Name).Should().Equal("Name", "Phase", "Replicas", "Ratio", "Paused", "Ready", "Last Run", "Targets", "Age");
        columns[0].Format.Should().Be("name");
        var table = Table([Obj(Backup)], columns);
        Cells(table).Should().Be("""["daily","Ready",2,1,null,"True","5m","a","2d"]""");
        table["columnDefinitions"]![1]!.ToJsonString().Should().Be("""{"name":"Phase","type":"string","format":"","description":"the phase","priority":0}""");
        table["columnDefinitions"]![3]!["priority"]!.GetValue<int>().Should().Be(1);
    }

    [Test]
    public void A_crd_without_columns_gets_name_and_age()
    {
        var columns = TableConverter.ColumnsFor("example.com", "Backup", []);
        columns.Select(c => (c.Name, c.Type)).Should().Equal(("Name", "string"), ("Age", "date"));
        Cells(Table([Obj(Backup)], columns)).Should().Be("""["daily","2d"]""");
    }

    [Test]
    public void Table_shape_and_include_object_modes()
    {
        var columns = TableConverter.ColumnsFor("example.com", "Backup", []);
        var table = TableConverter.Convert([Obj(Backup)], columns, Now, "42", "token", "");
        table["kind"]!.GetValue<string>().Should().Be("Table");
        table["apiVersion"]!.GetValue<string>().Should().Be("meta.k8s.io/v1");
        table["metadata"]!.ToJsonString().Should().Be("""{"resourceVersion":"42","continue":"token"}""");
        var partial = table["rows"]![0]!["object"]!;
        partial["kind"]!.GetValue<string>().Should().Be("PartialObjectMetadata");
        partial["apiVersion"]!.GetValue<string>().Should().Be("meta.k8s.io/v1");
        partial["metadata"]!["namespace"]!.GetValue<string>().Should().Be("ns");
        partial.AsObject().ContainsKey("spec").Should().BeFalse();

        Table([Obj(Backup)], columns, "Object")["rows"]![0]!["object"]!["spec"]!["replicas"]!.ToJsonString().Should().Be("2.0");
        Table([Obj(Backup)], columns, "None")["rows"]![0]!["object"].Should().BeNull();
        Table([], columns)["metadata"]!.ToJsonString().Should().Be("""{"resourceVersion":"42"}""");
        FluentActions.Invoking(() => Table([], columns, "Everything")).Should().Throw<ArgumentException>();
    }

    [Test]
    public void Pods_print_ready_status_restarts_and_wide_columns()
    {
        var columns = TableConverter.ColumnsFor(string.Empty, "Pod", null);
        Names(Table([], columns)).Should().Equal("Name", "Ready", "Status", "Restarts", "Age", "IP", "Node", "Nominated Node", "Readiness Gates");
        columns.Where(c => c.Priority == 1).Select(c => c.Name).Should().Equal("IP", "Node", "Nominated Node", "Readiness Gates");

        var running = Obj("""
            {"metadata":{"name":"web-1","creationTimestamp":"2024-05-01T11:00:00Z"},
             "spec":{"nodeName":"node-a","containers":[{"name":"a"},{"name":"b"}]},
             "status":{"phase":"Running","podIP":"10.0.0.5","podIPs":[{"ip":"10.0.0.5"}],
               "containerStatuses":[
                 {"name":"a","ready":true,"restartCount":2,"state":{"running":{}},"lastState":{"terminated":{"finishedAt":"2024-05-01T11:50:00Z"}}},
                 {"name":"b","ready":false,"restartCount":0,"state":{"waiting":{"reason":"CrashLoopBackOff"}}}]}}
            """);
        Cells(Table([running], columns)).Should().Be("""["web-1","1/2","CrashLoopBackOff","2 (10m ago)","60m","10.0.0.5","node-a","<none>","<none>"]""");

        var pending = Obj("""{"metadata":{"name":"p"},"spec":{"containers":[{"name":"a"}]},"status":{"phase":"Pending"}}""");
        Cells(Table([pending], columns)).Should().Be("""["p","0/1","Pending","0","<unknown>","<none>","<none>","<none>","<none>"]""");

        var completed = Obj("""
            {"metadata":{"name":"job-x"},"spec":{"containers":[{"name":"a"}]},
             "status":{"phase":"Succeeded","containerStatuses":[{"name":"a","ready":false,"restartCount":0,"state":{"terminated":{"exitCode":0,"reason":"Completed"}}}]}}
            """);
        Table([completed], columns)["rows"]![0]!["cells"]![2]!.GetValue<string>().Should().Be("Completed");

        var initializing = Obj("""
            {"metadata":{"name":"i","deletionTimestamp":null},"spec":{"initContainers":[{"name":"init"}],"containers":[{"name":"a"}]},
             "status":{"phase":"Pending","initContainerStatuses":[{"name":"init","restartCount":0,"state":{"running":{}}}]}}
            """);
        Table([initializing], columns)["rows"]![0]!["cells"]![2]!.GetValue<string>().Should().Be("Init:0/1");

        var terminating = Obj("""{"metadata":{"name":"t","deletionTimestamp":"2024-05-01T11:59:00Z"},"spec":{"containers":[{"name":"a"}]},"status":{"phase":"Running"}}""");
        Table([terminating], columns)["rows"]![0]!["cells"]![2]!.GetValue<string>().Should().Be("Terminating");
    }

    [Test]
    public void Deployments_and_replicasets()
    {
        var deployment = Obj("""
            {"metadata":{"name":"web","creationTimestamp":"2024-05-01T09:00:00Z"},
             "spec":{"replicas":3,"selector":{"matchLabels":{"app":"web"}},"template":{"spec":{"containers":[{"name":"web","image":"nginx:1"},{"name":"side","image":"busybox"}]}}},
             "status":{"readyReplicas":2,"updatedReplicas":3,"availableReplicas":2}}
            """);
        var columns = TableConverter.ColumnsFor("apps", "Deployment", null);
        Names(Table([], columns)).Should().Equal("Name", "Ready", "Up-to-date", "Available", "Age", "Containers", "Images", "Selector");
        Cells(Table([deployment], columns)).Should().Be("""["web","2/3",3,2,"3h","web,side","nginx:1,busybox","app=web"]""");

        var replicaSet = Obj("""{"metadata":{"name":"web-1"},"spec":{"replicas":3,"selector":{"matchLabels":{"b":"2","a":"1"}}},"status":{"replicas":3,"readyReplicas":1}}""");
        var rsColumns = TableConverter.ColumnsFor("apps", "ReplicaSet", null);
        Names(Table([], rsColumns)).Should().Equal("Name", "Desired", "Current", "Ready", "Age", "Containers", "Images", "Selector");
        Cells(Table([replicaSet], rsColumns)).Should().Be("""["web-1",3,3,1,"<unknown>","","","a=1,b=2"]""");
    }

    [Test]
    public void Jobs_and_cronjobs()
    {
        var columns = TableConverter.ColumnsFor("batch", "Job", null);
        Names(Table([], columns)).Should().Equal("Name", "Status", "Completions", "Duration", "Age", "Containers", "Images", "Selector");
        var complete = Obj("""
            {"metadata":{"name":"j","creationTimestamp":"2024-05-01T11:00:00Z"},"spec":{"completions":1,"template":{"spec":{"containers":[{"name":"c","image":"i"}]}}},
             "status":{"succeeded":1,"startTime":"2024-05-01T11:00:00Z","completionTime":"2024-05-01T11:00:45Z","conditions":[{"type":"Complete","status":"True"}]}}
            """);
        Cells(Table([complete], columns)).Should().Be("""["j","Complete","1/1","45s","60m","c","i","<none>"]""");
        var running = Obj("""{"metadata":{"name":"r"},"spec":{"parallelism":3},"status":{"startTime":"2024-05-01T11:58:00Z"}}""");
        Cells(Table([running], columns)).Should().Be("""["r","Running","0/1 of 3","2m","<unknown>","","","<none>"]""");

        var cronColumns = TableConverter.ColumnsFor("batch", "CronJob", null);
        Names(Table([], cronColumns)).Should().Equal("Name", "Schedule", "Timezone", "Suspend", "Active", "Last Schedule", "Age", "Containers", "Images", "Selector");
        var cron = Obj("""
            {"metadata":{"name":"c","creationTimestamp":"2024-04-01T12:00:00Z"},"spec":{"schedule":"*/5 * * * *","jobTemplate":{"spec":{"template":{"spec":{"containers":[{"name":"x","image":"y"}]}}}}},
             "status":{"active":[{"name":"c-1"}],"lastScheduleTime":"2024-05-01T11:55:00Z"}}
            """);
        Cells(Table([cron], cronColumns)).Should().Be("""["c","*/5 * * * *","<none>","False",1,"5m","30d","x","y","<none>"]""");
    }

    [Test]
    public void Core_kinds()
    {
        Cells(Table([Obj("""{"metadata":{"name":"ns1"},"status":{"phase":"Active"}}""")], TableConverter.ColumnsFor("", "Namespace", null)))
            .Should().Be("""["ns1","Active","<unknown>"]""");
        Cells(Table([Obj("""{"metadata":{"name":"cm"},"data":{"a":"1","b":"2"},"binaryData":{"c":"AA=="}}""")], TableConverter.ColumnsFor("", "ConfigMap", null)))
            .Should().Be("""["cm",3,"<unknown>"]""");
        Cells(Table([Obj("""{"metadata":{"name":"s"},"type":"Opaque","data":{"a":"MQ=="}}""")], TableConverter.ColumnsFor("", "Secret", null)))
            .Should().Be("""["s","Opaque",1,"<unknown>"]""");

        var services = TableConverter.ColumnsFor("", "Service", null);
        Names(Table([], services)).Should().Equal("Name", "Type", "Cluster-IP", "External-IP", "Port(s)", "Age", "Selector");
        Cells(Table([Obj("""{"metadata":{"name":"svc"},"spec":{"type":"NodePort","clusterIP":"10.96.0.10","ports":[{"port":80,"nodePort":30080,"protocol":"TCP"},{"port":53,"protocol":"UDP"}],"selector":{"app":"web"}}}""")], services))
            .Should().Be("""["svc","NodePort","10.96.0.10","<none>","80:30080/TCP,53/UDP","<unknown>","app=web"]""");
        Cells(Table([Obj("""{"metadata":{"name":"lb"},"spec":{"type":"LoadBalancer","clusterIP":"10.96.0.11","ports":[{"port":443}]}}""")], services))
            .Should().Be("""["lb","LoadBalancer","10.96.0.11","<pending>","443/TCP","<unknown>","<none>"]""");
    }

    [Test]
    public void Nodes_and_events()
    {
        var nodes = TableConverter.ColumnsFor("", "Node", null);
        Names(Table([], nodes)).Should().Equal("Name", "Status", "Roles", "Age", "Version", "Internal-IP", "External-IP", "OS-Image", "Kernel-Version", "Container-Runtime");
        Cells(Table([Obj("""
            {"metadata":{"name":"n1","labels":{"node-role.kubernetes.io/control-plane":"","kubernetes.io/role":"worker"}},"spec":{"unschedulable":true},
             "status":{"conditions":[{"type":"Ready","status":"True"}],"addresses":[{"type":"InternalIP","address":"10.0.0.1"}],"nodeInfo":{"kubeletVersion":"v1.32.0"}}}
            """)], nodes)).Should().Be("""["n1","Ready,SchedulingDisabled","control-plane,worker","<unknown>","v1.32.0","10.0.0.1","<none>","<unknown>","<unknown>","<unknown>"]""");

        var events = TableConverter.ColumnsFor("", "Event", null);
        Names(Table([], events)).Should().Equal("Last Seen", "Type", "Reason", "Object", "Subobject", "Source", "Message", "First Seen", "Count", "Name");
        Cells(Table([Obj("""
            {"metadata":{"name":"web.17a"},"type":"Normal","reason":"Scheduled","message":" Assigned to n1 ","involvedObject":{"kind":"Pod","name":"web"},
             "source":{"component":"scheduler"},"firstTimestamp":"2024-05-01T11:50:00Z","lastTimestamp":"2024-05-01T11:59:00Z","count":3}
            """)], events)).Should().Be("""["60s","Normal","Scheduled","pod/web","","scheduler","Assigned to n1","10m",3,"web.17a"]""");
    }

    [Test]
    public void Other_kinds_get_name_and_age()
    {
        var columns = TableConverter.ColumnsFor("coordination.k8s.io", "Lease", null);
        Names(Table([], columns)).Should().Equal("Name", "Age");
        Cells(Table([Obj("""{"metadata":{"name":"l","creationTimestamp":"2024-05-01T11:59:15Z"}}""")], columns)).Should().Be("""["l","45s"]""");
    }
}
