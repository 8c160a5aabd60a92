using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace KubeStash.Benchmarks;

/// <summary>Starts and stops the project's throwaway radosgw (scripts/test-servers) on free loopback ports.</summary>
internal sealed class RadosgwProcess : IAsyncDisposable
{
    private readonly string scripts;
    private readonly string baseDirectory;

    private RadosgwProcess(string scripts, string baseDirectory, Uri endpoint, string accessKey, string secretKey)
    {
        this.scripts = scripts;
        this.baseDirectory = baseDirectory;
        Endpoint = endpoint;
        AccessKey = accessKey;
        SecretKey = secretKey;
    }

    public Uri Endpoint { get; }

    public string AccessKey { get; }

    public string SecretKey { get; }

    public static async Task<RadosgwProcess> StartAsync(string repositoryRoot)
    {
        var scripts = Path.Combine(repositoryRoot, "scripts", "test-servers");
        var baseDirectory = Path.Combine(repositoryRoot, ".work", "bench-radosgw");
        var ports = FreePorts(3);
        var output = await RunAsync(Path.Combine(scripts, "radosgw-start.sh"), new Dictionary<string, string>
        {
            ["BASE"] = baseDirectory,
            ["RGW_PORT"] = ports[0],
            ["MON_V2"] = ports[1],
            ["MON_V1"] = ports[2],
            ["MEMSTORE_BYTES"] = (3L << 30).ToString(CultureInfo.InvariantCulture),
        });
        var values = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1].Trim());
        return new RadosgwProcess(scripts, baseDirectory, new Uri(values["endpoint"]), values["access_key"], values["secret_key"]);
    }

    public async ValueTask DisposeAsync() =>
        await RunAsync(Path.Combine(scripts, "radosgw-stop.sh"), new Dictionary<string, string> { ["BASE"] = baseDirectory, ["STOP_SIGNAL"] = "KILL" });

    private static string[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        listeners.ForEach(l => l.Start());
        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture)).ToArray();
        listeners.ForEach(l => l.Stop());
        return ports;
    }

    private static async Task<string> RunAsync(string script, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(script) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not run {script}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} failed ({process.ExitCode}): {await stderr}");
        }

        return await stdout;
    }
}
