using System.Collections.Concurrent;
using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace KubeStash.LocalCluster.Workloads;

/// <summary>
/// A kubelet for this machine, written as an API client: it watches Pods, and for each Pending pod that is bound to
/// its node or to none, runs every container's mapped program (init containers first, one at a time) and reports
/// the pod's phase and container states through the pods/status subresource. A pod whose image maps to no program
/// stays Pending with the waiting reason <c>ImageNotMapped</c>; a deleted pod's programs are killed.
/// </summary>
public sealed class LocalKubelet : IAsyncDisposable
{
    public const string ImageNotMapped = "ImageNotMapped";

    private readonly IKubernetes _client;
    private readonly LocalWorkloadsOptions _options;
    private readonly ILogger _logger;
    private readonly ObjectInformer<V1Pod, V1PodList> _pods;
    private readonly ContainerEnvironmentResolver _environment;
    private readonly IWorkloadObjectSource _objects;
    private readonly SemaphoreSlim _slots;
    private readonly EventRecorder _events;
    private readonly ConcurrentDictionary<string, PodRun> _runs = new(StringComparer.Ordinal);
    private CancellationTokenSource? _stopping;
    private Task? _informerTask;

    public LocalKubelet(IKubernetes client, LocalWorkloadsOptions options)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        if (options.MaxParallelPods < 1)
        {
            throw new ArgumentException("LocalWorkloadsOptions.MaxParallelPods must be at least 1", nameof(options));
        }

        _client = client;
        _options = options;
        _logger = options.LoggerFactory.CreateLogger<LocalKubelet>();
        _objects = new KubernetesWorkloadObjectSource(client);
        _environment = new ContainerEnvironmentResolver(_objects);
        _slots = new SemaphoreSlim(options.MaxParallelPods);
        _events = new EventRecorder(client, "kubelet", options.NodeName, options.TimeProvider, _logger);
        _pods = new ObjectInformer<V1Pod, V1PodList>(
            "pods",
            ct => client.CoreV1.ListPodForAllNamespacesAsync(cancellationToken: ct),
            (rv, onError, ct) => client.CoreV1.WatchListPodForAllNamespacesAsync(allowWatchBookmarks: true, resourceVersion: rv, onError: onError, cancellationToken: ct),
            OnPodChanged,
            options.ResyncPeriod,
            _logger);
    }

    public IPodLogStore Logs => _options.Logs;

    /// <summary>Pods whose programs are running now.</summary>
    public int RunningPods => _runs.Values.Count(r => r.Running);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_stopping is not null)
        {
            throw new InvalidOperationException("the local kubelet is already started");
        }

        if (_options.Kubeconfigs is null)
        {
            throw new InvalidOperationException("LocalWorkloadsOptions.Kubeconfigs must be set: pods get a kubeconfig for their service account");
        }

        _stopping = new CancellationTokenSource();
        _informerTask = _pods.RunAsync(_stopping.Token);
        await _pods.Synced.WaitAsync(cancellationToken);
        _logger.LogInformation("Local kubelet {Node} started with {Images} mapped image(s), {Slots} pod slot(s)", _options.NodeName, _options.Images.Count, _options.MaxParallelPods);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_stopping is null)
        {
            return;
        }

        await _stopping.CancelAsync();
        var tasks = _runs.Values.Select(r => r.Task ?? Task.CompletedTask).Append(_informerTask ?? Task.CompletedTask);
        await Task.WhenAll(tasks).WaitAsync(cancellationToken);
        await _events.FlushAsync(TimeSpan.FromSeconds(2));
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        _stopping?.Dispose();
        _slots.Dispose();
    }

    private void OnPodChanged(WatchEventType type, V1Pod pod)
    {
        var uid = pod.Uid();
        if (uid is null || _stopping is not { IsCancellationRequested: false } stopping)
        {
            return;
        }

        var mine = string.IsNullOrEmpty(pod.Spec?.NodeName) || pod.Spec.NodeName == _options.NodeName;
        if (type == WatchEventType.Deleted)
        {
            if (_runs.TryRemove(uid, out var run))
            {
                run.Deleted = true;
                run.Cancel();
                _ = CleanUpAfterAsync(run, pod);
            }

            return;
        }

        if (!mine)
        {
            return;
        }

        if (pod.Metadata.DeletionTimestamp is not null)
        {
            if (_runs.TryGetValue(uid, out var run))
            {
                run.Deleted = true;
                run.Cancel();
            }
            else
            {
                _ = FinishDeletionAsync(pod);
            }

            return;
        }

        if (pod.Status?.Phase is not (null or "Pending") || _runs.ContainsKey(uid))
        {
            return;
        }

        var newRun = new PodRun(CancellationTokenSource.CreateLinkedTokenSource(stopping.Token));
        if (_runs.TryAdd(uid, newRun))
        {
            newRun.Task = RunPodAsync(pod, newRun);
        }
    }

    private async Task RunPodAsync(V1Pod pod, PodRun run)
    {
        await Task.Yield();
        var ns = pod.Namespace() ?? "default";
        var name = pod.Name();
        var token = run.Token;
        var status = new PodStatusBuilder(pod, Now());
        PodSandbox? sandbox = null;
        try
        {
            var containers = (pod.Spec.InitContainers ?? []).Concat(pod.Spec.Containers).ToList();
            var programs = new Dictionary<string, ImageProgram>(StringComparer.Ordinal);
            var unmapped = new List<V1Container>();
            foreach (var container in containers)
            {
                if (_options.Images.TryResolve(container.Image ?? string.Empty, out var program))
                {
                    programs[container.Name] = program;
                }
                else
                {
                    unmapped.Add(container);
                }
            }

            if (unmapped.Count > 0)
            {
                var images = string.Join(", ", unmapped.Select(c => $"\"{c.Image}\"").Distinct());
                var message = $"image {images} is not mapped to a local program; add it to the local kubelet's image map (--image-map image=/path/to/program)";
                status.SetWaiting(ImageNotMapped, message, c => unmapped.Contains(c));
                _logger.LogWarning("Pod {Namespace}/{Pod} stays Pending: {Message}", ns, name, message);
                _events.Warning(pod, ImageNotMapped, message);
                await WriteStatusAsync(pod, status, token);
                return;
            }

            await _slots.WaitAsync(token);
            try
            {
                run.Running = true;
                Dictionary<string, ProcessInvocationParts> parts;
                string? lastConfigError = null;
                while (true)
                {
                    try
                    {
                        sandbox = await PodSandbox.PrepareAsync(pod, _options.WorkRoot, _objects, _options.Kubeconfigs!, token);
                        parts = await ResolveContainersAsync(pod, status, sandbox, containers, token);
                        break;
                    }
                    catch (ContainerConfigException e)
                    {
                        status.SetWaiting("CreateContainerConfigError", e.Message, _ => true);
                        if (e.Message != lastConfigError)
                        {
                            lastConfigError = e.Message;
                            _logger.LogWarning("Pod {Namespace}/{Pod} cannot start yet: {Message}", ns, name, e.Message);
                            _events.Warning(pod, "Failed", $"Error: {e.Message}");
                        }

                        await WriteStatusAsync(pod, status, token);
                        await Task.Delay(_options.ConfigRetryInterval, _options.TimeProvider, token);
                    }
                }

                using var deadline = pod.Spec.ActiveDeadlineSeconds is { } ads
                    ? new CancellationTokenSource(TimeSpan.FromSeconds(ads), _options.TimeProvider)
                    : new CancellationTokenSource();
                using var runToken = CancellationTokenSource.CreateLinkedTokenSource(token, deadline.Token);
                string phase;
                try
                {
                    phase = await RunContainersAsync(pod, status, programs, parts, runToken.Token);
                }
                catch (OperationCanceledException) when (deadline.IsCancellationRequested && !token.IsCancellationRequested)
                {
                    phase = "DeadlineExceeded";
                }

                token.ThrowIfCancellationRequested();
                if (phase == "DeadlineExceeded" || deadline.IsCancellationRequested)
                {
                    status.SetPhase("Failed", "DeadlineExceeded", "Pod was active on the node longer than the specified deadline", Now());
                    _events.Normal(pod, "DeadlineExceeded", "Pod was active on the node longer than the specified deadline");
                }
                else
                {
                    status.SetPhase(phase, null, null, Now());
                }

                _logger.LogInformation("Pod {Namespace}/{Pod} finished: {Phase}", ns, name, status.Snapshot().Phase);
                await WriteStatusAsync(pod, status, token);
            }
            finally
            {
                run.Running = false;
                _slots.Release();
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Deleted or the kubelet is stopping: the programs are killed and there is no status to report.
            if (run.Deleted && sandbox is not null)
            {
                _events.Normal(pod, "Killing", $"Stopping container{(pod.Spec.Containers.Count > 1 ? "s" : string.Empty)} {string.Join(", ", pod.Spec.Containers.Select(c => c.Name))}");
            }
        }
        catch (PodGoneException e)
        {
            run.Cancel();
            _logger.LogDebug("Stopped running pod {Namespace}/{Pod}: {Reason}", ns, name, e.Message);
        }
        catch (Exception e)
        {
            _logger.LogError(e, "Running pod {Namespace}/{Pod} failed in the local kubelet", ns, name);
        }
        finally
        {
            if (run.Deleted)
            {
                await FinishDeletionAsync(pod);
            }

            if (_stopping?.IsCancellationRequested == true)
            {
                sandbox?.Delete();
            }
        }
    }

    private async Task<Dictionary<string, ProcessInvocationParts>> ResolveContainersAsync(
        V1Pod pod, PodStatusBuilder status, PodSandbox sandbox, List<V1Container> containers, CancellationToken cancellationToken)
    {
        // The downward API sees the pod as the kubelet is about to report it (podIP, hostIP).
        var view = KubernetesJson.Deserialize<V1Pod>(KubernetesJson.Serialize(pod));
        view.Status = status.Snapshot();
        var parts = new Dictionary<string, ProcessInvocationParts>(StringComparer.Ordinal);
        foreach (var container in containers)
        {
            var mounts = sandbox.MountsFor(pod, container);
            var resolved = await _environment.ResolveAsync(view, container, cancellationToken);
            var environment = resolved.ToDictionary(p => p.Key, p => MountPaths.Rewrite(p.Value, mounts), StringComparer.Ordinal);
            foreach (var (mountPath, local) in mounts)
            {
                environment[MountPaths.VariableName(mountPath)] = local;
            }

            environment["KUBECONFIG"] = sandbox.KubeconfigPath;
            var commandLine = ContainerCommandLine.Resolve(container, environment, value => MountPaths.Rewrite(value, mounts));
            var workingDirectory = string.IsNullOrEmpty(container.WorkingDir) ? sandbox.WorkingDirectory : MountPaths.Rewrite(container.WorkingDir, mounts);
            if (!Directory.Exists(workingDirectory))
            {
                // An image's own directories do not exist here; the pod's working directory stands in for them.
                workingDirectory = sandbox.WorkingDirectory;
            }

            parts[container.Name] = new ProcessInvocationParts(
                commandLine.Command,
                commandLine.Arguments,
                environment,
                workingDirectory,
                sandbox.KubeconfigPath,
                mounts);
        }

        return parts;
    }

    private async Task<string> RunContainersAsync(
        V1Pod pod, PodStatusBuilder status, Dictionary<string, ImageProgram> programs, Dictionary<string, ProcessInvocationParts> parts, CancellationToken cancellationToken)
    {
        foreach (var init in pod.Spec.InitContainers ?? [])
        {
            var exitCode = await RunContainerAsync(pod, status, init, programs[init.Name], parts[init.Name], isInit: true, cancellationToken);
            if (exitCode != 0)
            {
                return "Failed";
            }
        }

        var exitCodes = await Task.WhenAll(pod.Spec.Containers.Select(c =>
            RunContainerAsync(pod, status, c, programs[c.Name], parts[c.Name], isInit: false, cancellationToken)));
        return exitCodes.All(code => code == 0) ? "Succeeded" : "Failed";
    }

    /// <summary>Runs one container, restarting it as the pod's restartPolicy says, and returns its final exit code.</summary>
    private async Task<int> RunContainerAsync(
        V1Pod pod, PodStatusBuilder status, V1Container container, ImageProgram program, ProcessInvocationParts parts, bool isInit, CancellationToken cancellationToken)
    {
        var ns = pod.Namespace() ?? "default";
        var policy = pod.Spec.RestartPolicy ?? "Always";
        var restarts = 0;
        while (true)
        {
            var startedAt = Now();
            status.SetRunning(container, startedAt, isInit);
            await WriteStatusAsync(pod, status, cancellationToken);
            _events.Normal(pod, "Started", $"Started container {container.Name}");
            // A started container has a log, empty until it writes: `kubectl logs` of a silent one answers "", not "waiting to start".
            _options.Logs.Append(ns, pod.Name(), container.Name, string.Empty);
            using var stdout = new PodLogWriter(_options.Logs, ns, pod.Name(), container.Name);
            var invocation = new ProcessInvocation
            {
                PodNamespace = ns,
                PodName = pod.Name(),
                ContainerName = container.Name,
                Image = container.Image ?? string.Empty,
                ContainerCommand = parts.Command,
                Arguments = parts.Arguments,
                Environment = parts.Environment,
                WorkingDirectory = parts.WorkingDirectory,
                KubeconfigPath = parts.KubeconfigPath,
                Mounts = parts.Mounts,
                StandardOutput = stdout,
                StandardError = stdout,
            };
            _logger.LogDebug("Pod {Namespace}/{Pod} container {Container}: running {Program}", ns, pod.Name(), container.Name, program);
            var exit = await ContainerProcessRunner.RunAsync(program, invocation, _options.InheritHostEnvironment, cancellationToken);
            var exitCode = exit.Code;
            if (cancellationToken.IsCancellationRequested)
            {
                // Killed (deadline, deletion or shutdown): the container is terminated and is not restarted.
                status.SetTerminated(container, exitCode, exit.Reason, startedAt, Now(), restarting: false);
                cancellationToken.ThrowIfCancellationRequested();
            }

            // Init containers are never restarted after success, even under restartPolicy Always.
            var restart = policy == "Always" && !isInit || policy is "Always" or "OnFailure" && exitCode != 0;
            status.SetTerminated(container, exitCode, exit.Reason, startedAt, Now(), restart);
            if (!restart)
            {
                return exitCode;
            }

            await WriteStatusAsync(pod, status, cancellationToken);
            _events.Warning(pod, "BackOff", $"Back-off restarting failed container {container.Name} in pod {pod.Name()}");
            restarts++;
            await Task.Delay(JobSyncPlanner.RetryDelay(_options.RetryBackoff, restarts), _options.TimeProvider, cancellationToken);
        }
    }

    private async Task WriteStatusAsync(V1Pod pod, PodStatusBuilder status, CancellationToken cancellationToken)
    {
        await status.WriteGate.WaitAsync(cancellationToken);
        try
        {
            await WriteStatusOnceAsync(pod, status, cancellationToken);
        }
        finally
        {
            status.WriteGate.Release();
        }
    }

    private async Task WriteStatusOnceAsync(V1Pod pod, PodStatusBuilder status, CancellationToken cancellationToken)
    {
        var ns = pod.Namespace() ?? "default";
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var current = await _client.CoreV1.ReadNamespacedPodAsync(pod.Name(), ns, cancellationToken: cancellationToken);
                if (current.Uid() != pod.Uid())
                {
                    throw new PodGoneException($"pod {ns}/{pod.Name()} was replaced by another with the same name", null);
                }

                current.Status = status.Snapshot();
                await _client.CoreV1.ReplaceNamespacedPodStatusAsync(current, pod.Name(), ns, cancellationToken: cancellationToken);
                return;
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict && attempt < 10)
            {
            }
            catch (Exception e) when (IsTransient(e) && attempt < 20 && !cancellationToken.IsCancellationRequested)
            {
                _logger.LogDebug(e, "Writing the status of pod {Namespace}/{Pod} failed; retrying", ns, pod.Name());
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(1000, 50 * (attempt + 1))), cancellationToken);
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
            {
                throw new PodGoneException($"pod {ns}/{pod.Name()} is gone", e);
            }
        }
    }

    private async Task CleanUpAfterAsync(PodRun run, V1Pod pod)
    {
        try
        {
            await (run.Task ?? Task.CompletedTask);
        }
        finally
        {
            _options.Logs.RemovePod(pod.Namespace() ?? "default", pod.Name());
            try
            {
                Directory.Delete(PodSandbox.DirectoryFor(_options.WorkRoot, pod), recursive: true);
            }
            catch (DirectoryNotFoundException)
            {
            }
            catch (IOException e)
            {
                _logger.LogDebug(e, "Could not remove the directory of pod {Namespace}/{Pod}", pod.Namespace(), pod.Name());
            }

            run.Dispose();
        }
    }

    /// <summary>A kubelet ends graceful deletion once the containers are gone by deleting the pod with no grace.</summary>
    private async Task FinishDeletionAsync(V1Pod pod)
    {
        try
        {
            await _client.CoreV1.DeleteNamespacedPodAsync(
                pod.Name(), pod.Namespace(), new V1DeleteOptions { GracePeriodSeconds = 0, Preconditions = new V1Preconditions { Uid = pod.Uid() } }, gracePeriodSeconds: 0);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Conflict)
        {
        }
        catch (Exception e)
        {
            _logger.LogDebug(e, "Finishing deletion of pod {Namespace}/{Pod} failed", pod.Namespace(), pod.Name());
        }
    }

    private static bool IsTransient(Exception e) =>
        e is HttpRequestException
        || e is HttpOperationException { Response.StatusCode: HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError };

    private DateTime Now() => JobSyncPlanner.Truncate(_options.TimeProvider.GetUtcNow()).UtcDateTime;

    private sealed record ProcessInvocationParts(
        string? Command,
        IReadOnlyList<string> Arguments,
        IReadOnlyDictionary<string, string> Environment,
        string WorkingDirectory,
        string KubeconfigPath,
        IReadOnlyDictionary<string, string> Mounts);

    private sealed class PodGoneException(string message, Exception? inner) : Exception(message, inner);

    private sealed class PodRun(CancellationTokenSource cancellation) : IDisposable
    {
        public Task? Task { get; set; }

        public CancellationToken Token { get; } = cancellation.Token;

        public bool Deleted { get; set; }

        public bool Running { get; set; }

        public void Cancel()
        {
            try
            {
                cancellation.Cancel();
            }
            catch (ObjectDisposedException)
            {
            }
        }

        public void Dispose() => cancellation.Dispose();
    }
}
