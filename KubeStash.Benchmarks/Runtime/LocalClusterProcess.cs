using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace KubeStash.Benchmarks.Runtime;

/// <summary>LocalCluster's own executable (`serve`) as a child process, so its memory is not counted as the operator's.</summary>
internal sealed class LocalClusterProcess : IDisposable
{
    private const string ReadyLine = "LocalCluster serving at ";
    private readonly Process process;

    private LocalClusterProcess(Process process, Uri baseAddress)
    {
        this.process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<LocalClusterProcess> StartAsync()
    {
        var executable = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "KubeStash.LocalCluster.exe" : "KubeStash.LocalCluster");
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["serve", "--port", FreePort().ToString(CultureInfo.InvariantCulture),
                     "--kubeconfig", Path.Combine(Path.GetTempPath(), $"bench-runtime-kubeconfig-{Guid.NewGuid():N}")])
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"{executable} could not be started");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith(ReadyLine, StringComparison.Ordinal))
            {
                _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                _ = process.StandardError.ReadToEndAsync(CancellationToken.None);
                return new LocalClusterProcess(process, new Uri(line[ReadyLine.Length..].Trim()));
            }
        }

        process.Kill(entireProcessTree: true);
        throw new InvalidOperationException($"LocalCluster exited before serving: {await process.StandardError.ReadToEndAsync(CancellationToken.None)}");
    }

    public double PeakMiB()
    {
        process.Refresh();
        return process.PeakWorkingSet64 / 1048576.0;
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }

        process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
