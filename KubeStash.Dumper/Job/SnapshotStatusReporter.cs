using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace KubeStash.Dumper.Job;

/// <summary>
/// Writes <c>status.components.manifest</c> of a Snapshot through the <c>/status</c> subresource with a merge patch,
/// retrying conflicts, throttling, server errors and connection failures.
/// </summary>
public sealed class SnapshotStatusReporter(IKubernetes client, ILogger logger)
{
    public const string ComponentName = "manifest";

    public Task RunningAsync(string ns, string snapshot, CancellationToken cancellationToken) =>
        PatchAsync(ns, snapshot, new JsonObject { ["phase"] = "Running" }, cancellationToken);

    /// <summary>
    /// How far a running backup has got, in the fields KubeStash's component status has: <c>size</c> (the manifests'
    /// YAML so far, before compression) and <c>duration</c> (time since the backup started), so that
    /// <c>kubectl get snapshot -w</c> shows them grow.
    /// </summary>
    public Task ProgressAsync(string ns, string snapshot, long bytes, TimeSpan elapsed, CancellationToken cancellationToken) =>
        PatchAsync(ns, snapshot, new JsonObject { ["phase"] = "Running", ["size"] = HumanSize(bytes), ["duration"] = GoDuration(elapsed) }, cancellationToken);

    public Task SucceededAsync(string ns, string snapshot, string path, long size, TimeSpan duration, CancellationToken cancellationToken) =>
        PatchAsync(
            ns,
            snapshot,
            new JsonObject
            {
                ["phase"] = "Succeeded",
                ["path"] = path,
                ["size"] = HumanSize(size),
                ["duration"] = GoDuration(duration),
                ["integrity"] = true,
                ["error"] = null,
            },
            cancellationToken);

    /// <summary>Failed, with no <c>size</c>: nothing of a failed backup stays in storage (progress reports set one).</summary>
    public Task FailedAsync(string ns, string snapshot, string error, CancellationToken cancellationToken) =>
        PatchAsync(ns, snapshot, new JsonObject { ["phase"] = "Failed", ["error"] = error, ["size"] = null }, cancellationToken);

    /// <summary>KubeStash's human-readable sizes: <c>1.234 KiB</c>.</summary>
    public static string HumanSize(long bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0 ? $"{bytes} B" : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{value:0.###} {units[unit]}");
    }

    /// <summary>A Go duration string, as KubeStash writes durations: <c>1.234s</c>, <c>2m3.5s</c>.</summary>
    public static string GoDuration(TimeSpan duration)
    {
        var minutes = (long)duration.TotalMinutes;
        var seconds = duration.TotalSeconds - (minutes * 60);
        var text = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{seconds:0.######}s");
        return minutes > 0 ? $"{minutes}m{text}" : text;
    }

    private async Task PatchAsync(string ns, string snapshot, JsonObject component, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["status"] = new JsonObject { ["components"] = new JsonObject { [ComponentName] = component } } };
        var patch = new V1Patch(body.ToJsonString(), V1Patch.PatchType.MergePatch);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(patch, "storage.kubestash.com", "v1alpha1", ns, "snapshots", snapshot, cancellationToken: cancellationToken);
                logger.LogInformation("Snapshot {Namespace}/{Snapshot}: component {Component} is {Phase}", ns, snapshot, ComponentName, component["phase"]);
                return;
            }
            catch (Exception e) when (attempt < 6 && IsTransient(e))
            {
                logger.LogWarning("Updating the status of Snapshot {Namespace}/{Snapshot} failed ({Error}); retry {Attempt}", ns, snapshot, e.Message, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(100 * (1 << attempt)), cancellationToken);
            }
        }
    }

    private static bool IsTransient(Exception e) => e switch
    {
        HttpOperationException http => http.Response.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError,
        HttpRequestException => true,
        TaskCanceledException => false,
        _ => false,
    };
}
