using System.Diagnostics;

namespace KubeStash.Tests.Runtime;

/// <summary>LocalCluster's own executable (`serve`) in a child process, so its memory is not counted as the operator's.</summary>
public sealed class ExternalCluster : IDisposable
{
    private readonly Process process;
    private long peakRss;

    private ExternalCluster(Process process, Uri baseAddress)
    {
        this.process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<ExternalCluster> StartAsync()
    {
        var executable = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "KubeStash.LocalCluster.exe" : "KubeStash.LocalCluster");
        var port = FreePort.Next();
        var kubeconfig = Path.Combine(Path.GetTempPath(), $"bench-kubeconfig-{Guid.NewGuid():N}");
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["serve", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--kubeconfig", kubeconfig])
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"{executable} could not be started");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("LocalCluster serving at ", StringComparison.Ordinal))
            {
                var cluster = new ExternalCluster(process, new Uri(line["LocalCluster serving at ".Length..].Trim()));
                _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                _ = process.StandardError.ReadToEndAsync(CancellationToken.None);
                return cluster;
            }
        }

        process.Kill(entireProcessTree: true);
        throw new InvalidOperationException($"LocalCluster exited before serving: {await process.StandardError.ReadToEndAsync(CancellationToken.None)}");
    }

    public long PeakRss()
    {
        process.Refresh();
        peakRss = Math.Max(peakRss, process.PeakWorkingSet64);
        return peakRss;
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
}
