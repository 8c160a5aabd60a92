using k8s.Models;

namespace KubeStash.LocalCluster.Workloads;

/// <summary>The pod status the local kubelet reports, kept in memory and written whole after each change.</summary>
internal sealed class PodStatusBuilder
{
    public const string LocalIp = "127.0.0.1";
    private readonly V1Pod _pod;
    private readonly Lock _lock = new();
    private readonly V1PodStatus _status;

    public PodStatusBuilder(V1Pod pod, DateTime now)
    {
        _pod = pod;
        _status = new V1PodStatus
        {
            Phase = "Pending",
            HostIP = LocalIp,
            HostIPs = [new V1HostIP { Ip = LocalIp }],
            PodIP = LocalIp,
            PodIPs = [new V1PodIP { Ip = LocalIp }],
            StartTime = now,
            QosClass = "BestEffort",
            Conditions = [Condition("PodScheduled", "True", null, null, now)],
            InitContainerStatuses = pod.Spec.InitContainers is { Count: > 0 } init ? [.. init.Select(c => Waiting(c, "PodInitializing", null))] : null,
            ContainerStatuses = [.. pod.Spec.Containers.Select(c => Waiting(c, "ContainerCreating", null))],
        };
    }

    /// <summary>Held while the status is written, so that a write never replaces a newer snapshot with an older one.</summary>
    public SemaphoreSlim WriteGate { get; } = new(1, 1);

    public V1PodStatus Snapshot()
    {
        lock (_lock)
        {
            return k8s.KubernetesJson.Deserialize<V1PodStatus>(k8s.KubernetesJson.Serialize(_status));
        }
    }

    public void SetWaiting(string reason, string message, Func<V1Container, bool> affected)
    {
        lock (_lock)
        {
            foreach (var container in AllContainers().Where(affected))
            {
                var status = Find(container.Name);
                status.State = new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = reason, Message = message } };
                status.Ready = false;
                status.Started = false;
            }

            _status.Message = message;
            _status.Reason = null;
        }
    }

    public void SetRunning(V1Container container, DateTime now, bool isInit)
    {
        lock (_lock)
        {
            var status = Find(container.Name);
            status.State = new V1ContainerState { Running = new V1ContainerStateRunning { StartedAt = now } };
            status.Ready = !isInit;
            status.Started = true;
            _status.Message = null;
            if (!isInit)
            {
                _status.Phase = "Running";
                SetCondition("Initialized", "True", null, null, now);
                UpdateReadiness(now);
            }
        }
    }

    public void SetTerminated(V1Container container, int exitCode, string? reason, DateTime startedAt, DateTime now, bool restarting)
    {
        lock (_lock)
        {
            var status = Find(container.Name);
            var terminated = new V1ContainerState
            {
                Terminated = new V1ContainerStateTerminated
                {
                    ExitCode = exitCode,
                    Reason = reason ?? (exitCode == 0 ? "Completed" : "Error"),
                    StartedAt = startedAt,
                    FinishedAt = now,
                    ContainerID = status.ContainerID,
                },
            };
            status.Ready = false;
            status.Started = false;
            if (restarting)
            {
                status.LastState = terminated;
                status.RestartCount++;
                status.State = new V1ContainerState
                {
                    Waiting = new V1ContainerStateWaiting { Reason = "CrashLoopBackOff", Message = $"back-off restarting failed container {container.Name} in pod {_pod.Name()}" },
                };
            }
            else
            {
                status.State = terminated;
            }

            UpdateReadiness(now);
        }
    }

    public void SetPhase(string phase, string? reason, string? message, DateTime now)
    {
        lock (_lock)
        {
            _status.Phase = phase;
            _status.Reason = reason;
            _status.Message = message;
            UpdateReadiness(now);
        }
    }

    private void UpdateReadiness(DateTime now)
    {
        var ready = _status.ContainerStatuses.All(s => s.Ready);
        var reason = ready ? null : _status.Phase is "Succeeded" or "Failed" ? "PodCompleted" : "ContainersNotReady";
        SetCondition("ContainersReady", ready ? "True" : "False", reason, null, now);
        SetCondition("Ready", ready ? "True" : "False", reason, null, now);
    }

    private void SetCondition(string type, string value, string? reason, string? message, DateTime now)
    {
        var existing = _status.Conditions.FirstOrDefault(c => c.Type == type);
        if (existing is not null)
        {
            if (existing.Status != value)
            {
                existing.LastTransitionTime = now;
            }

            existing.Status = value;
            existing.Reason = reason;
            existing.Message = message;
            return;
        }

        _status.Conditions.Add(Condition(type, value, reason, message, now));
    }

    private IEnumerable<V1Container> AllContainers() => (_pod.Spec.InitContainers ?? []).Concat(_pod.Spec.Containers);

    private V1ContainerStatus Find(string name) =>
        (_status.InitContainerStatuses ?? []).Concat(_status.ContainerStatuses).First(s => s.Name == name);

    private V1ContainerStatus Waiting(V1Container container, string reason, string? message) => new()
    {
        Name = container.Name,
        Image = container.Image,
        ImageID = container.Image,
        ContainerID = $"local://{_pod.Uid()}/{container.Name}",
        Ready = false,
        Started = false,
        RestartCount = 0,
        State = new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = reason, Message = message } },
    };

    private static V1PodCondition Condition(string type, string value, string? reason, string? message, DateTime now) =>
        new() { Type = type, Status = value, Reason = reason, Message = message, LastTransitionTime = now };
}
