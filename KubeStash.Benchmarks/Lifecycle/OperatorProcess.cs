using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace KubeStash.Benchmarks.Lifecycle;

/// <summary>
/// The operator's own Release build (<c>KubeStash.Operator.dll run …</c>) as a child process, started the way its container
/// starts it (<c>dotnet KubeStash.Operator.dll</c>, <c>DOTNET_EnableDiagnostics=0</c>, leader election on), so its memory and CPU
/// are measured apart from the LocalCluster and the driver in this process.
/// </summary>
internal sealed class OperatorProcess : IDisposable
{
    private readonly Process process;
    private readonly Task<string> standardError;
    private bool disposed;

    private OperatorProcess(Process process, Task<string> standardError, int webhookPort)
    {
        this.process = process;
        this.standardError = standardError;
        WebhookPort = webhookPort;
    }

    public int WebhookPort { get; }

    public int Id => process.Id;

    /// <summary>Path of the operator's build output next to this benchmark's (same configuration).</summary>
    public static string AssemblyPath()
        => Path.Combine(AppContext.BaseDirectory.Replace("KubeStash.Benchmarks", "KubeStash.Operator", StringComparison.Ordinal), "KubeStash.Operator.dll");

    /// <summary>Starts <c>run</c> against <paramref name="kubeconfig"/> and waits until its /readyz answers 200.</summary>
    public static async Task<OperatorProcess> StartAsync(string kubeconfig, int webhookPort, string leaseNamespace, string certificateDirectory)
    {
        var assembly = AssemblyPath();
        if (!File.Exists(assembly))
        {
            throw new InvalidOperationException($"bench-lifecycle: the operator build {assembly} is missing (build KubeStash.Operator in the same configuration)");
        }

        var probePort = FreePort();
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])[
                     assembly, "run", $"--kubeconfig={kubeconfig}", "--bind-address=127.0.0.1",
                     $"--webhook-port={webhookPort.ToString(CultureInfo.InvariantCulture)}",
                     $"--health-probe-port={probePort.ToString(CultureInfo.InvariantCulture)}",
                     $"--metrics-port={FreePort().ToString(CultureInfo.InvariantCulture)}",
                     "--webhook-plain-http", $"--webhook-cert-dir={certificateDirectory}",
                     $"--leader-election-namespace={leaseNamespace}", "--operator-image=ghcr.io/kubestash-dotnet/operator:bench"])
        {
            start.ArgumentList.Add(argument);
        }

        // As in KubeStash.Operator/Dockerfile (its default log level too: the console is drained by this process).
        start.Environment["DOTNET_EnableDiagnostics"] = "0";
        start.Environment["DOTNET_GCgen0size"] = "0x400000";
        var process = Process.Start(start) ?? throw new InvalidOperationException("bench-lifecycle: the operator could not be started");
        _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var errors = process.StandardError.ReadToEndAsync(CancellationToken.None);
        var child = new OperatorProcess(process, errors, webhookPort);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"bench-lifecycle: the operator exited with {process.ExitCode}: {await errors}");
            }

            try
            {
                using var ready = await http.GetAsync(new Uri($"http://127.0.0.1:{probePort}/readyz"));
                if (ready.IsSuccessStatusCode)
                {
                    return child;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Busy starting.
            }

            if (clock.Elapsed > TimeSpan.FromSeconds(60))
            {
                child.Dispose();
                throw new TimeoutException("bench-lifecycle: the operator was not ready within 60 s");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Peak resident set size (VmHWM) of the operator process.</summary>
    public double PeakMiB() => ReadStatusMiB("VmHWM:");

    /// <summary>Resident set size now (VmRSS).</summary>
    public double CurrentMiB() => ReadStatusMiB("VmRSS:");

    /// <summary>User plus system CPU time the operator has used so far.</summary>
    public TimeSpan CpuTime()
    {
        process.Refresh();
        return process.TotalProcessorTime;
    }

    public void ThrowIfExited()
    {
        if (process.HasExited)
        {
            throw new InvalidOperationException($"bench-lifecycle: the operator exited with {process.ExitCode}: {standardError.Result}");
        }
    }

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }

        process.Dispose();
    }

    private double ReadStatusMiB(string field)
    {
        foreach (var line in File.ReadLines($"/proc/{process.Id}/status"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
            }
        }

        throw new InvalidOperationException($"bench-lifecycle: /proc/{process.Id}/status has no {field} line (Linux only)");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
