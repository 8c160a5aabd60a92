using System.Globalization;
using System.Text.Json.Nodes;

namespace KubeStash.LocalCluster.Semantics;

/// <summary>kube's printPod rules for the READY, STATUS, RESTARTS and READINESS GATES cells.</summary>
internal static class PodStatusPrinter
{
    public static string Ready(JsonObject pod)
    {
        var (ready, total, _, _, _) = Evaluate(pod);
        return string.Create(CultureInfo.InvariantCulture, $"{ready}/{total}");
    }

    public static string Reason(JsonObject pod) => Evaluate(pod).Reason;

    public static JsonNode? Restarts(JsonObject pod, DateTimeOffset now)
    {
        var (_, _, _, restarts, lastRestart) = Evaluate(pod);
        return restarts != 0 && lastRestart is { } last
            ? string.Create(CultureInfo.InvariantCulture, $"{restarts} ({HumanDuration.Since(last, now)} ago)")
            : restarts.ToString(CultureInfo.InvariantCulture);
    }

    public static string ReadinessGates(JsonObject pod)
    {
        var gates = JsonRead.Objects(pod, "spec.readinessGates").ToList();
        if (gates.Count == 0)
        {
            return "<none>";
        }

        var conditions = JsonRead.Objects(pod, "status.conditions").ToList();
        var satisfied = gates.Count(g => conditions.FirstOrDefault(c => JsonRead.String(c, "type") == JsonRead.String(g, "conditionType")) is { } c
            && JsonRead.String(c, "status") == "True");
        return string.Create(CultureInfo.InvariantCulture, $"{satisfied}/{gates.Count}");
    }

    private static bool IsRestartable(JsonObject? initContainer) => initContainer is not null && JsonRead.String(initContainer, "restartPolicy") == "Always";

    private static void NoteTermination(JsonObject status, ref DateTimeOffset? last)
    {
        if (JsonRead.Time(status, "lastState.terminated.finishedAt") is { } finished && (last is null || last < finished))
        {
            last = finished;
        }
    }

    private static (int Ready, int Total, string Reason, int Restarts, DateTimeOffset? LastRestart) Evaluate(JsonObject pod)
    {
        var initSpecs = JsonRead.Objects(pod, "spec.initContainers").ToList();
        var total = JsonRead.Count(pod, "spec.containers") + initSpecs.Count(IsRestartable);
        var ready = 0;
        var restarts = 0;
        var restartableRestarts = 0;
        DateTimeOffset? lastRestart = null;
        DateTimeOffset? lastRestartableRestart = null;
        var phase = JsonRead.String(pod, "status.phase");
        var reason = JsonRead.String(pod, "status.reason") is { Length: > 0 } r ? r : phase;
        var conditions = JsonRead.Objects(pod, "status.conditions").ToList();
        if (conditions.Any(c => JsonRead.String(c, "type") == "PodScheduled" && JsonRead.String(c, "reason") == "SchedulingGated"))
        {
            reason = "SchedulingGated";
        }

        var initializing = false;
        var initStatuses = JsonRead.Objects(pod, "status.initContainerStatuses").ToList();
        for (var i = 0; i < initStatuses.Count; i++)
        {
            var status = initStatuses[i];
            var spec = initSpecs.FirstOrDefault(s => JsonRead.String(s, "name") == JsonRead.String(status, "name"));
            restarts += (int)JsonRead.Integer(status, "restartCount");
            NoteTermination(status, ref lastRestart);
            if (IsRestartable(spec))
            {
                restartableRestarts += (int)JsonRead.Integer(status, "restartCount");
                NoteTermination(status, ref lastRestartableRestart);
            }

            var terminated = JsonRead.At(status, "state.terminated") as JsonObject;
            var waitingReason = JsonRead.String(status, "state.waiting.reason");
            if (terminated is not null && JsonRead.Integer(terminated, "exitCode") == 0)
            {
                continue;
            }

            if (IsRestartable(spec) && JsonRead.Boolean(status, "started") == true)
            {
                if (JsonRead.Boolean(status, "ready") == true)
                {
                    ready++;
                }

                continue;
            }

            if (terminated is not null)
            {
                var terminatedReason = JsonRead.String(terminated, "reason");
                reason = terminatedReason.Length > 0
                    ? "Init:" + terminatedReason
                    : JsonRead.Integer(terminated, "signal") != 0
                        ? string.Create(CultureInfo.InvariantCulture, $"Init:Signal:{JsonRead.Integer(terminated, "signal")}")
                        : string.Create(CultureInfo.InvariantCulture, $"Init:ExitCode:{JsonRead.Integer(terminated, "exitCode")}");
            }
            else if (waitingReason.Length > 0 && waitingReason != "PodInitializing")
            {
                reason = "Init:" + waitingReason;
            }
            else
            {
                reason = string.Create(CultureInfo.InvariantCulture, $"Init:{i}/{initSpecs.Count}");
            }

            initializing = true;
            break;
        }

        var initialized = conditions.Any(c => JsonRead.String(c, "type") == "Initialized" && JsonRead.String(c, "status") == "True");
        if (!initializing || initialized)
        {
            restarts = restartableRestarts;
            lastRestart = lastRestartableRestart;
            var hasRunning = false;
            var statuses = JsonRead.Objects(pod, "status.containerStatuses").ToList();
            for (var i = statuses.Count - 1; i >= 0; i--)
            {
                var status = statuses[i];
                restarts += (int)JsonRead.Integer(status, "restartCount");
                NoteTermination(status, ref lastRestart);
                var waitingReason = JsonRead.String(status, "state.waiting.reason");
                var terminated = JsonRead.At(status, "state.terminated") as JsonObject;
                if (waitingReason.Length > 0)
                {
                    reason = waitingReason;
                }
                else if (terminated is not null && JsonRead.String(terminated, "reason") is { Length: > 0 } terminatedReason)
                {
                    reason = terminatedReason;
                }
                else if (terminated is not null)
                {
                    reason = JsonRead.Integer(terminated, "signal") != 0
                        ? string.Create(CultureInfo.InvariantCulture, $"Signal:{JsonRead.Integer(terminated, "signal")}")
                        : string.Create(CultureInfo.InvariantCulture, $"ExitCode:{JsonRead.Integer(terminated, "exitCode")}");
                }
                else if (JsonRead.Boolean(status, "ready") == true && JsonRead.At(status, "state.running") is not null)
                {
                    hasRunning = true;
                    ready++;
                }
            }

            if (reason == "Completed" && hasRunning)
            {
                reason = conditions.Any(c => JsonRead.String(c, "type") == "Ready" && JsonRead.String(c, "status") == "True") ? "Running" : "NotReady";
            }
        }

        if (JsonRead.At(pod, "metadata.deletionTimestamp") is not null)
        {
            if (JsonRead.String(pod, "status.reason") == "NodeLost")
            {
                reason = "Unknown";
            }
            else if (phase is not ("Succeeded" or "Failed"))
            {
                reason = "Terminating";
            }
        }

        return (ready, total, reason, restarts, lastRestart);
    }
}
