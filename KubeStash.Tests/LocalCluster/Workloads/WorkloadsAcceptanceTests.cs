using System.Diagnostics;
using k8s;
using k8s.Models;
using KubeStash.LocalCluster;
using KubeStash.LocalCluster.Workloads;

namespace KubeStash.Tests.LocalCluster.Workloads;

/// <summary>
/// The workloads against a real LocalCluster server over HTTP: Jobs run local programs and report through the API
/// exactly as kube's controllers would, and CronJobs create Jobs on schedule or on demand.
/// </summary>
public sealed class WorkloadsAcceptanceTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private LocalClusterServer _server = null!;
    private IKubernetes _client = null!;
    private LocalWorkloads _workloads = null!;
    private ShiftedClock _clock = null!;
    private string _workRoot = null!;
    private string _ns = null!;

    [SetUp]
    public async Task StartClusterAndWorkloads()
    {
        _server = new LocalClusterServer(new LocalClusterOptions());
        await _server.StartAsync();
        _client = _server.CreateClient();
        _workRoot = Directory.CreateTempSubdirectory("workloads-test-").FullName;
        _clock = new ShiftedClock();
        var images = new ImageMap()
            .Add("busybox", ImageProgram.ChildProcess("/bin/sh"))
            .Add("example.com/tools/in-process", ImageProgram.InProcess(InProcessToolAsync))
            .Add("example.com/tools/missing", ImageProgram.ChildProcess("/nonexistent/program"))
            .Add("bitnami/kubectl", ImageProgram.ChildProcess("kubectl"));
        _workloads = new LocalWorkloads(_client, new LocalWorkloadsOptions
        {
            Images = images,
            MaxParallelPods = 4,
            Kubeconfigs = new ServerKubeconfigProvider(_server.BaseAddress),
            WorkRoot = _workRoot,
            RetryBackoff = TimeSpan.FromMilliseconds(100),
            ConfigRetryInterval = TimeSpan.FromMilliseconds(200),
            TimeProvider = _clock,
        });
        await _workloads.StartAsync(CancellationToken.None);
        _ns = "default";
    }

    [TearDown]
    public async Task StopEverything()
    {
        await _workloads.DisposeAsync();
        _client.Dispose();
        await _server.DisposeAsync();
        Directory.Delete(_workRoot, recursive: true);
    }

    /// <summary>
    /// A tool run in-process: writes its first argument's file (a path under an emptyDir mount) and creates a
    /// ConfigMap through the pod's kubeconfig, then exits with the code in EXIT_CODE.
    /// </summary>
    private static async Task<int> InProcessToolAsync(ProcessInvocation invocation, CancellationToken cancellationToken)
    {
        await File.WriteAllTextAsync(invocation.Arguments[0], invocation.Environment["POD_NAME"], cancellationToken);
        var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(invocation.Environment["KUBECONFIG"]);
        using var client = new Kubernetes(config);
        await client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap
            {
                Metadata = new V1ObjectMeta { Name = "written-by-" + invocation.PodName },
                Data = new Dictionary<string, string> { ["namespace"] = invocation.Environment["POD_NAMESPACE"], ["scratch"] = invocation.Arguments[0] },
            },
            config.Namespace ?? "default",
            cancellationToken: cancellationToken);
        await invocation.StandardOutput.WriteLineAsync($"in-process tool ran in {invocation.WorkingDirectory}");
        return int.Parse(invocation.Environment["EXIT_CODE"], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static V1Job ShellJob(string name, string script, int? backoffLimit = null, long? activeDeadlineSeconds = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1JobSpec
        {
            BackoffLimit = backoffLimit,
            ActiveDeadlineSeconds = activeDeadlineSeconds,
            Template = new V1PodTemplateSpec
            {
                Spec = new V1PodSpec
                {
                    RestartPolicy = "Never",
                    Containers =
                    [
                        new V1Container
                        {
                            Name = "main",
                            Image = "busybox:1.36",
                            Command = ["sh", "-c", script],
                            Env = [new V1EnvVar { Name = "GREETING", Value = "world" }],
                        },
                    ],
                },
            },
        },
    };

    private async Task<V1Job> WaitForJobAsync(string name, Func<V1Job, bool> condition, bool faultTolerant = false)
    {
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            V1Job? job;
            try
            {
                job = (await _client.BatchV1.ListNamespacedJobAsync(_ns, fieldSelector: $"metadata.name={name}")).Items.SingleOrDefault();
            }
            catch (k8s.Autorest.HttpOperationException e) when (faultTolerant && (int)e.Response.StatusCode >= 500)
            {
                continue;
            }

            if (job is not null && condition(job))
            {
                return job;
            }

            if (stopwatch.Elapsed > Patience)
            {
                var logs = (await PodsOfAsync(name)).Select(p => $"{p.Name()}: {string.Join(" | ", p.Spec.Containers.Select(c => _workloads.Logs.Read(_ns, p.Name(), c.Name)))}");
                Assert.Fail($"Job {name} did not reach the expected state in {Patience}; status: {(job is null ? "no such Job" : KubernetesJson.Serialize(job.Status))}; logs: {string.Join("; ", logs)}");
            }

            await Task.Delay(100);
        }
    }

    private async Task<Corev1Event> WaitForEventAsync(string kind, string name, string reason, string messagePart)
    {
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            var events = (await _client.CoreV1.ListNamespacedEventAsync(_ns)).Items;
            var found = events.FirstOrDefault(e => e.InvolvedObject.Kind == kind && e.InvolvedObject.Name == name && e.Reason == reason && e.Message.Contains(messagePart, StringComparison.Ordinal));
            if (found is not null)
            {
                return found;
            }

            if (stopwatch.Elapsed > Patience)
            {
                Assert.Fail($"no {reason} event for {kind} {name}; events: {string.Join("; ", events.Select(e => $"{e.InvolvedObject.Kind}/{e.InvolvedObject.Name} {e.Reason}: {e.Message}"))}");
            }

            await Task.Delay(100);
        }
    }

    private async Task<IList<V1Pod>> PodsOfAsync(string jobName) =>
        (await _client.CoreV1.ListNamespacedPodAsync(_ns, labelSelector: $"job-name={jobName}")).Items;

    private static bool HasCondition(V1Job job, string type) => job.Status?.Conditions?.Any(c => c.Type == type && c.Status == "True") == true;

    [Test]
    public async Task Job_whose_program_exits_0_completes_and_reports_through_the_api()
    {
        await _client.BatchV1.CreateNamespacedJobAsync(ShellJob("hello", "echo hello $(GREETING); exit 0"), _ns);

        var job = await WaitForJobAsync("hello", j => HasCondition(j, "Complete"));

        job.Status.Succeeded.Should().Be(1);
        job.Status.Failed.GetValueOrDefault().Should().Be(0);
        job.Status.Active.GetValueOrDefault().Should().Be(0);
        job.Status.StartTime.Should().NotBeNull();
        job.Status.CompletionTime.Should().NotBeNull();
        var pod = (await PodsOfAsync("hello")).Should().ContainSingle().Subject;
        pod.Metadata.Name.Should().StartWith("hello-");
        pod.Metadata.Labels.Should().Contain("batch.kubernetes.io/job-name", "hello").And.Contain("controller-uid", job.Uid());
        pod.Metadata.OwnerReferences.Should().ContainSingle(o => o.Kind == "Job" && o.Uid == job.Uid() && o.Controller == true);
        pod.Status.Phase.Should().Be("Succeeded");
        var terminated = pod.Status.ContainerStatuses.Should().ContainSingle().Subject.State.Terminated;
        terminated.ExitCode.Should().Be(0);
        terminated.Reason.Should().Be("Completed");
        _workloads.Logs.Read(_ns, pod.Name(), "main").Should().Be("hello world\n");

        await WaitForEventAsync("Job", "hello", "SuccessfulCreate", $"Created pod: {pod.Name()}");
        await WaitForEventAsync("Job", "hello", "Completed", "Job completed");
        await WaitForEventAsync("Pod", pod.Name(), "Started", "Started container main");

        // kubectl, the independent judge, sees the same Job.
        var (exitCode, output) = await KubectlAsync("wait", "--for=condition=complete", "job/hello", "--timeout=10s");
        exitCode.Should().Be(0, output);
    }

    [Test]
    public async Task Job_whose_program_exits_3_fails_after_backoff_limit_retries()
    {
        await _client.BatchV1.CreateNamespacedJobAsync(ShellJob("flaky", "echo attempt; exit 3", backoffLimit: 2), _ns);

        var job = await WaitForJobAsync("flaky", j => HasCondition(j, "Failed"));

        job.Status.Failed.Should().Be(3);
        job.Status.Succeeded.GetValueOrDefault().Should().Be(0);
        job.Status.Conditions.Should().ContainSingle(c => c.Type == "Failed").Which.Reason.Should().Be("BackoffLimitExceeded");
        var pods = await PodsOfAsync("flaky");
        pods.Should().HaveCount(3);
        pods.Should().OnlyContain(p => p.Status.Phase == "Failed" && p.Status.ContainerStatuses[0].State.Terminated.ExitCode == 3
            && p.Status.ContainerStatuses[0].State.Terminated.Reason == "Error");
        HasCondition(job, "Complete").Should().BeFalse();
    }

    [Test]
    public async Task Active_deadline_kills_the_program_and_fails_the_job()
    {
        await _client.BatchV1.CreateNamespacedJobAsync(ShellJob("slow", "sleep 60", activeDeadlineSeconds: 2), _ns);
        var stopwatch = Stopwatch.StartNew();

        var job = await WaitForJobAsync("slow", j => HasCondition(j, "Failed"));

        job.Status.Conditions.Should().ContainSingle(c => c.Type == "Failed").Which.Reason.Should().Be("DeadlineExceeded");
        stopwatch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(20));
        var deadline = Stopwatch.StartNew();
        while ((await PodsOfAsync("slow")).Count > 0 && deadline.Elapsed < Patience)
        {
            await Task.Delay(100);
        }

        (await PodsOfAsync("slow")).Should().BeEmpty("the Job controller deletes the active pod, which kills its program");
        _workloads.Kubelet.RunningPods.Should().Be(0);
    }

    [Test]
    public async Task Unmapped_image_leaves_the_pod_pending_with_a_reason_naming_the_image()
    {
        var job = ShellJob("unmapped", "exit 0");
        job.Spec.Template.Spec.Containers[0].Image = "registry.example.com/nothing/here:v9";
        await _client.BatchV1.CreateNamespacedJobAsync(job, _ns);

        var stopwatch = Stopwatch.StartNew();
        V1Pod? pod = null;
        while (stopwatch.Elapsed < Patience)
        {
            pod = (await PodsOfAsync("unmapped")).SingleOrDefault();
            if (pod?.Status?.ContainerStatuses?.FirstOrDefault()?.State?.Waiting?.Reason == LocalKubelet.ImageNotMapped)
            {
                break;
            }

            await Task.Delay(100);
        }

        pod.Should().NotBeNull();
        pod!.Status.Phase.Should().Be("Pending");
        var waiting = pod.Status.ContainerStatuses.Should().ContainSingle().Subject.State.Waiting;
        waiting.Reason.Should().Be("ImageNotMapped");
        waiting.Message.Should().Contain("registry.example.com/nothing/here:v9");
        var warning = await WaitForEventAsync("Pod", pod.Name(), "ImageNotMapped", "registry.example.com/nothing/here:v9");
        warning.Type.Should().Be("Warning");
        warning.Source.Component.Should().Be("kubelet");
        var current = await _client.BatchV1.ReadNamespacedJobAsync("unmapped", _ns);
        current.Status.Active.Should().Be(1);
        (current.Status.Conditions ?? []).Should().NotContain(c => c.Status == "True" && (c.Type == "Complete" || c.Type == "Failed"));
    }

    [Test]
    public async Task In_process_program_gets_env_scratch_mount_and_a_working_kubeconfig()
    {
        var job = new V1Job
        {
            Metadata = new V1ObjectMeta { Name = "tool" },
            Spec = new V1JobSpec
            {
                BackoffLimit = 0,
                Template = new V1PodTemplateSpec
                {
                    Spec = new V1PodSpec
                    {
                        RestartPolicy = "Never",
                        ServiceAccountName = "dumper",
                        Volumes = [new V1Volume { Name = "scratch", EmptyDir = new V1EmptyDirVolumeSource() }],
                        Containers =
                        [
                            new V1Container
                            {
                                Name = "tool",
                                Image = "example.com/tools/in-process:v1",
                                Args = ["$(SCRATCH)/out.txt"],
                                VolumeMounts = [new V1VolumeMount { Name = "scratch", MountPath = "/kubestash-tmp" }],
                                Env =
                                [
                                    new V1EnvVar { Name = "POD_NAME", ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "metadata.name" } } },
                                    new V1EnvVar { Name = "POD_NAMESPACE", ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "metadata.namespace" } } },
                                    new V1EnvVar { Name = "SCRATCH", Value = "/kubestash-tmp" },
                                    new V1EnvVar { Name = "EXIT_CODE", Value = "0" },
                                ],
                            },
                        ],
                    },
                },
            },
        };
        await _client.BatchV1.CreateNamespacedJobAsync(job, _ns);

        await WaitForJobAsync("tool", j => HasCondition(j, "Complete"));

        var pod = (await PodsOfAsync("tool")).Should().ContainSingle().Subject;
        var written = await _client.CoreV1.ReadNamespacedConfigMapAsync("written-by-" + pod.Name(), _ns);
        written.Data["namespace"].Should().Be(_ns);
        var scratchFile = written.Data["scratch"];
        scratchFile.Should().StartWith(_workRoot).And.EndWith("out.txt");
        (await File.ReadAllTextAsync(scratchFile)).Should().Be(pod.Name());
        _workloads.Logs.Read(_ns, pod.Name(), "tool").Should().Contain("in-process tool ran in " + _workRoot);
    }

    [Test]
    public async Task Cronjob_due_on_the_clock_creates_its_job_named_by_the_slot()
    {
        await _client.BatchV1.CreateNamespacedCronJobAsync(
            new V1CronJob
            {
                Metadata = new V1ObjectMeta { Name = "every-minute" },
                Spec = new V1CronJobSpec
                {
                    Schedule = "* * * * *",
                    JobTemplate = new V1JobTemplateSpec { Spec = ShellJob("unused", "echo tick").Spec },
                },
            },
            _ns);

        // Jump the controller's clock past the next slot; nudge the CronJob so it is looked at again now.
        _clock.Offset = TimeSpan.FromMinutes(2);
        var slot = CronSchedule.Parse("* * * * *", null).MostRecent(DateTimeOffset.UtcNow, _clock.GetUtcNow())!.Value;
        await _client.BatchV1.PatchNamespacedCronJobAsync(
            new V1Patch("{\"metadata\":{\"annotations\":{\"nudge\":\"1\"}}}", V1Patch.PatchType.MergePatch), "every-minute", _ns);

        var expectedName = CronJobNaming.JobName("every-minute", slot);
        var job = await WaitForJobAsync(expectedName, j => HasCondition(j, "Complete"));
        job.Metadata.Annotations.Should().ContainKey(CronJobNaming.ScheduledTimestampAnnotation);
        job.Metadata.OwnerReferences.Should().ContainSingle(o => o.Kind == "CronJob" && o.Name == "every-minute" && o.Controller == true);

        var stopwatch = Stopwatch.StartNew();
        V1CronJob cronJob;
        do
        {
            await Task.Delay(100);
            cronJob = await _client.BatchV1.ReadNamespacedCronJobAsync("every-minute", _ns);
        }
        while (cronJob.Status?.LastSuccessfulTime is null && stopwatch.Elapsed < Patience);

        var status = cronJob.Status!;
        status.LastScheduleTime.Should().Be(slot.UtcDateTime);
        status.LastSuccessfulTime.Should().NotBeNull();
        (status.Active ?? []).Should().BeEmpty();
    }

    [Test]
    public async Task Run_now_creates_a_manual_job_from_a_suspended_cronjob()
    {
        await _client.BatchV1.CreateNamespacedCronJobAsync(
            new V1CronJob
            {
                Metadata = new V1ObjectMeta { Name = "on-demand" },
                Spec = new V1CronJobSpec
                {
                    Schedule = "0 0 1 1 *",
                    Suspend = true,
                    JobTemplate = new V1JobTemplateSpec { Spec = ShellJob("unused", "echo manual").Spec },
                },
            },
            _ns);

        var created = await _workloads.CronJobs.RunNowAsync(_ns, "on-demand");

        created.Metadata.Name.Should().StartWith("on-demand-manual-");
        created.Metadata.Annotations.Should().Contain("cronjob.kubernetes.io/instantiate", "manual");
        var job = await WaitForJobAsync(created.Name(), j => HasCondition(j, "Complete"));
        job.Status.Succeeded.Should().Be(1);
    }

    [Test]
    public async Task Jobs_still_run_when_watches_are_cut_and_history_is_compacted()
    {
        _server.Faults.WatchCutInterval = TimeSpan.FromMilliseconds(300);
        for (var i = 0; i < 5; i++)
        {
            await _client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = $"churn-{i}" } }, _ns);
        }

        _server.Faults.CompactHistory();
        await Task.Delay(500);
        await _client.BatchV1.CreateNamespacedJobAsync(ShellJob("resilient", "exit 0"), _ns);

        var job = await WaitForJobAsync("resilient", j => HasCondition(j, "Complete"));

        job.Status.Succeeded.Should().Be(1);
        (await PodsOfAsync("resilient")).Should().ContainSingle();
    }

    [Test]
    public async Task Bare_pod_runs_with_secret_env_and_reports_succeeded()
    {
        await _client.CoreV1.CreateNamespacedSecretAsync(
            new V1Secret { Metadata = new V1ObjectMeta { Name = "creds" }, StringData = new Dictionary<string, string> { ["PASSWORD"] = "s3cret" } }, _ns);
        await _client.CoreV1.CreateNamespacedPodAsync(
            new V1Pod
            {
                Metadata = new V1ObjectMeta { Name = "bare" },
                Spec = new V1PodSpec
                {
                    RestartPolicy = "Never",
                    Containers =
                    [
                        new V1Container
                        {
                            Name = "main",
                            Image = "busybox",
                            Command = ["sh", "-c", "echo \"$PASSWORD in $(POD_NAMESPACE)\""],
                            EnvFrom = [new V1EnvFromSource { SecretRef = new V1SecretEnvSource { Name = "creds" } }],
                            Env = [new V1EnvVar { Name = "POD_NAMESPACE", ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "metadata.namespace" } } }],
                        },
                    ],
                },
            },
            _ns);

        var stopwatch = Stopwatch.StartNew();
        V1Pod pod;
        do
        {
            await Task.Delay(100);
            pod = await _client.CoreV1.ReadNamespacedPodAsync("bare", _ns);
        }
        while (pod.Status?.Phase != "Succeeded" && stopwatch.Elapsed < Patience);

        pod.Status!.Phase.Should().Be("Succeeded");
        pod.Status.PodIP.Should().Be("127.0.0.1");
        _workloads.Logs.Read(_ns, "bare", "main").Should().Be("s3cret in default\n");
    }

    [Test]
    public async Task Parallel_job_runs_no_more_pods_at_once_than_the_kubelet_allows()
    {
        var job = ShellJob("wide", "sleep 0.5");
        job.Spec.Parallelism = 6;
        job.Spec.Completions = 6;
        await _client.BatchV1.CreateNamespacedJobAsync(job, _ns);

        var peak = 0;
        var stopwatch = Stopwatch.StartNew();
        V1Job? current = null;
        while (stopwatch.Elapsed < Patience)
        {
            peak = Math.Max(peak, _workloads.Kubelet.RunningPods);
            current = (await _client.BatchV1.ListNamespacedJobAsync(_ns, fieldSelector: "metadata.name=wide")).Items.Single();
            if (HasCondition(current, "Complete"))
            {
                break;
            }

            await Task.Delay(20);
        }

        HasCondition(current!, "Complete").Should().BeTrue();
        current!.Status.Succeeded.Should().Be(6);
        peak.Should().BeInRange(2, 4, "MaxParallelPods is 4 and six pods were wanted at once");
        (await PodsOfAsync("wide")).Should().HaveCount(6);
    }

    [Test]
    public async Task Pod_waits_with_CreateContainerConfigError_until_its_secret_exists()
    {
        var job = ShellJob("needs-secret", "test \"$TOKEN\" = late-arrival");
        job.Spec.Template.Spec.Containers[0].Env.Add(new V1EnvVar
        {
            Name = "TOKEN",
            ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = "late", Key = "token" } },
        });
        await _client.BatchV1.CreateNamespacedJobAsync(job, _ns);

        var stopwatch = Stopwatch.StartNew();
        V1ContainerStateWaiting? waiting = null;
        while (waiting?.Reason != "CreateContainerConfigError" && stopwatch.Elapsed < Patience)
        {
            await Task.Delay(100);
            waiting = (await PodsOfAsync("needs-secret")).SingleOrDefault()?.Status?.ContainerStatuses?.FirstOrDefault()?.State?.Waiting;
        }

        waiting!.Reason.Should().Be("CreateContainerConfigError");
        waiting.Message.Should().Contain("secret \"late\" not found");

        await _client.CoreV1.CreateNamespacedSecretAsync(
            new V1Secret { Metadata = new V1ObjectMeta { Name = "late" }, StringData = new Dictionary<string, string> { ["token"] = "late-arrival" } }, _ns);

        var done = await WaitForJobAsync("needs-secret", j => HasCondition(j, "Complete"));
        done.Status.Failed.GetValueOrDefault().Should().Be(0);
    }

    [Test]
    public async Task Deleting_a_running_job_kills_its_program()
    {
        await _client.BatchV1.CreateNamespacedJobAsync(ShellJob("doomed", "sleep 60"), _ns);
        var stopwatch = Stopwatch.StartNew();
        while ((await PodsOfAsync("doomed")).SingleOrDefault()?.Status?.Phase != "Running" && stopwatch.Elapsed < Patience)
        {
            await Task.Delay(50);
        }

        (await PodsOfAsync("doomed")).Should().ContainSingle().Which.Status.Phase.Should().Be("Running");
        _workloads.Kubelet.RunningPods.Should().Be(1);

        await _client.BatchV1.DeleteNamespacedJobAsync("doomed", _ns, propagationPolicy: "Background");

        stopwatch.Restart();
        while ((_workloads.Kubelet.RunningPods > 0 || (await PodsOfAsync("doomed")).Count > 0) && stopwatch.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50);
        }

        _workloads.Kubelet.RunningPods.Should().Be(0, "sleep 60 must have been killed, not waited for");
        (await PodsOfAsync("doomed")).Should().BeEmpty();
    }

    [Test]
    public async Task Mapped_program_that_cannot_start_fails_with_StartError()
    {
        var job = ShellJob("broken", "exit 0", backoffLimit: 0);
        job.Spec.Template.Spec.Containers[0].Image = "example.com/tools/missing:v1";
        await _client.BatchV1.CreateNamespacedJobAsync(job, _ns);

        await WaitForJobAsync("broken", j => HasCondition(j, "Failed"));

        var terminated = (await PodsOfAsync("broken")).Should().ContainSingle().Subject.Status.ContainerStatuses[0].State.Terminated;
        terminated.Reason.Should().Be("StartError");
        terminated.ExitCode.Should().Be(128);
    }

    [Test]
    public async Task Init_container_runs_first_and_shares_the_empty_dir_with_the_main_container()
    {
        var job = ShellJob("staged", "cat /work/stage.txt");
        var spec = job.Spec.Template.Spec;
        spec.Volumes = [new V1Volume { Name = "work", EmptyDir = new V1EmptyDirVolumeSource() }];
        spec.Containers[0].VolumeMounts = [new V1VolumeMount { Name = "work", MountPath = "/work" }];
        spec.Containers[0].Command = ["sh", "-c", "cat $(LOCAL_WORK)/stage.txt"];
        spec.Containers[0].Env.Add(new V1EnvVar { Name = "LOCAL_WORK", Value = "/work" });
        spec.InitContainers =
        [
            new V1Container
            {
                Name = "prepare",
                Image = "busybox",
                Command = ["sh", "-c", "echo prepared > \"$LOCAL_MOUNT_WORK/stage.txt\""],
                VolumeMounts = [new V1VolumeMount { Name = "work", MountPath = "/work" }],
            },
        ];
        await _client.BatchV1.CreateNamespacedJobAsync(job, _ns);

        await WaitForJobAsync("staged", j => HasCondition(j, "Complete"));

        var pod = (await PodsOfAsync("staged")).Should().ContainSingle().Subject;
        pod.Status.InitContainerStatuses.Should().ContainSingle().Which.State.Terminated.ExitCode.Should().Be(0);
        _workloads.Logs.Read(_ns, pod.Name(), "main").Should().Be("prepared\n");
    }

    [Test]
    public async Task Real_kubectl_in_a_pod_reaches_the_api_through_the_pod_kubeconfig()
    {
        var job = ShellJob("kubectl-in-pod", "unused");
        var container = job.Spec.Template.Spec.Containers[0];
        container.Image = "bitnami/kubectl:1.32";
        container.Command = null;
        container.Args = ["get", "namespaces", "-o", "name"];
        await _client.BatchV1.CreateNamespacedJobAsync(job, _ns);

        await WaitForJobAsync("kubectl-in-pod", j => HasCondition(j, "Complete"));

        var pod = (await PodsOfAsync("kubectl-in-pod")).Should().ContainSingle().Subject;
        _workloads.Logs.Read(_ns, pod.Name(), "main").Should().Contain("namespace/default").And.Contain("namespace/kube-system");
    }

    [Test]
    public async Task Pod_active_deadline_kills_the_program_and_fails_the_pod()
    {
        await _client.CoreV1.CreateNamespacedPodAsync(
            new V1Pod
            {
                Metadata = new V1ObjectMeta { Name = "overdue" },
                Spec = new V1PodSpec
                {
                    RestartPolicy = "Never",
                    ActiveDeadlineSeconds = 1,
                    Containers = [new V1Container { Name = "main", Image = "busybox", Command = ["sh", "-c", "sleep 30"] }],
                },
            },
            _ns);

        var stopwatch = Stopwatch.StartNew();
        V1Pod pod;
        do
        {
            await Task.Delay(100);
            pod = await _client.CoreV1.ReadNamespacedPodAsync("overdue", _ns);
        }
        while (pod.Status?.Phase != "Failed" && stopwatch.Elapsed < Patience);

        stopwatch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(15), "sleep 30 must be killed at the deadline");
        pod.Status!.Phase.Should().Be("Failed");
        pod.Status.Reason.Should().Be("DeadlineExceeded");
        pod.Status.ContainerStatuses[0].State.Terminated.ExitCode.Should().Be(137);
    }

    [Test]
    public async Task Suspended_job_creates_no_pod_until_resumed()
    {
        var job = ShellJob("later", "exit 0");
        job.Spec.Suspend = true;
        await _client.BatchV1.CreateNamespacedJobAsync(job, _ns);

        var suspended = await WaitForJobAsync("later", j => HasCondition(j, "Suspended"));
        (await PodsOfAsync("later")).Should().BeEmpty();
        suspended.Status.Active.GetValueOrDefault().Should().Be(0);

        await _client.BatchV1.PatchNamespacedJobAsync(new V1Patch("{\"spec\":{\"suspend\":false}}", V1Patch.PatchType.MergePatch), "later", _ns);

        var done = await WaitForJobAsync("later", j => HasCondition(j, "Complete"));
        done.Status.Conditions.Should().Contain(c => c.Type == "Suspended" && c.Status == "False" && c.Reason == "JobResumed");
    }

    [Test]
    public async Task OnFailure_restarts_the_container_in_place_and_counts_restarts_against_the_backoff_limit()
    {
        var job = ShellJob("restarts", "exit 1", backoffLimit: 2);
        job.Spec.Template.Spec.RestartPolicy = "OnFailure";
        await _client.BatchV1.CreateNamespacedJobAsync(job, _ns);

        var failed = await WaitForJobAsync("restarts", j => HasCondition(j, "Failed"));

        failed.Status.Conditions.Should().ContainSingle(c => c.Type == "Failed").Which.Reason.Should().Be("BackoffLimitExceeded");
        var stopwatch = Stopwatch.StartNew();
        while ((await PodsOfAsync("restarts")).Count > 0 && stopwatch.Elapsed < Patience)
        {
            await Task.Delay(100);
        }

        (await PodsOfAsync("restarts")).Should().BeEmpty("the pod restarting in place is deleted when the Job fails");
    }

    [Test]
    public async Task Finished_job_with_zero_ttl_is_deleted()
    {
        var job = ShellJob("short-lived", "exit 0");
        job.Spec.TtlSecondsAfterFinished = 0;
        await _client.BatchV1.CreateNamespacedJobAsync(job, _ns);

        var stopwatch = Stopwatch.StartNew();
        var sawIt = false;
        while (stopwatch.Elapsed < Patience)
        {
            var exists = (await _client.BatchV1.ListNamespacedJobAsync(_ns, fieldSelector: "metadata.name=short-lived")).Items.Count == 1;
            sawIt |= exists;
            if (sawIt && !exists)
            {
                break;
            }

            await Task.Delay(50);
        }

        sawIt.Should().BeTrue();
        (await _client.BatchV1.ListNamespacedJobAsync(_ns, fieldSelector: "metadata.name=short-lived")).Items.Should().BeEmpty();
    }

    [Test]
    public async Task Cronjob_history_keeps_only_the_newest_successful_job()
    {
        await _client.BatchV1.CreateNamespacedCronJobAsync(
            new V1CronJob
            {
                Metadata = new V1ObjectMeta { Name = "trimmed" },
                Spec = new V1CronJobSpec
                {
                    Schedule = "0 0 1 1 *",
                    SuccessfulJobsHistoryLimit = 1,
                    JobTemplate = new V1JobTemplateSpec { Spec = ShellJob("unused", "exit 0").Spec },
                },
            },
            _ns);

        var first = await _workloads.CronJobs.RunNowAsync(_ns, "trimmed", "trimmed-first");
        await WaitForJobAsync(first.Name(), j => HasCondition(j, "Complete"));
        var second = await _workloads.CronJobs.RunNowAsync(_ns, "trimmed", "trimmed-second");
        await WaitForJobAsync(second.Name(), j => HasCondition(j, "Complete"));

        var stopwatch = Stopwatch.StartNew();
        IList<V1Job> jobs;
        do
        {
            await Task.Delay(100);
            jobs = (await _client.BatchV1.ListNamespacedJobAsync(_ns)).Items;
        }
        while (jobs.Count > 1 && stopwatch.Elapsed < Patience);

        jobs.Select(j => j.Name()).Should().Equal("trimmed-second");
    }

    [Test]
    public async Task Jobs_reach_the_right_outcome_while_a_fifth_of_api_requests_fail()
    {
        _server.Faults.ErrorRate = 0.2;
        _server.Faults.ErrorStatusCode = 500;
        _server.Faults.WatchCutInterval = TimeSpan.FromSeconds(1);
        await CreateWithRetryAsync(() => _client.BatchV1.CreateNamespacedJobAsync(ShellJob("good", "exit 0"), _ns));
        await CreateWithRetryAsync(() => _client.BatchV1.CreateNamespacedJobAsync(ShellJob("bad", "exit 4", backoffLimit: 1), _ns));

        var good = await WaitForJobAsync("good", j => HasCondition(j, "Complete") || HasCondition(j, "Failed"), faultTolerant: true);
        var bad = await WaitForJobAsync("bad", j => HasCondition(j, "Complete") || HasCondition(j, "Failed"), faultTolerant: true);
        _server.Faults.Reset();

        HasCondition(good, "Complete").Should().BeTrue();
        good.Status.Succeeded.Should().Be(1);
        HasCondition(bad, "Failed").Should().BeTrue();
        bad.Status.Failed.Should().Be(2);
        bad.Status.Succeeded.GetValueOrDefault().Should().Be(0);
    }

    private static async Task CreateWithRetryAsync(Func<Task> create)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await create();
                return;
            }
            catch (k8s.Autorest.HttpOperationException e) when ((int)e.Response.StatusCode >= 500 && attempt < 20)
            {
            }
        }
    }

    private async Task<(int ExitCode, string Output)> KubectlAsync(params string[] args)
    {
        // The kubeconfig a pod's service account gets is one kubectl accepts, too.
        var kubeconfig = Path.Combine(_workRoot, "kubectl-kubeconfig");
        await File.WriteAllTextAsync(kubeconfig, new ServerKubeconfigProvider(_server.BaseAddress).CreateKubeconfig(_ns, "default"));
        var start = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("--kubeconfig");
        start.ArgumentList.Add(kubeconfig);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
