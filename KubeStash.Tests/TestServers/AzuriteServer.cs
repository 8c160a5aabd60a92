using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using KubeStash.Storage;

namespace KubeStash.Tests.TestServers;

/// <summary>
/// Azurite's blob service (in memory) on 127.0.0.1 with a random free port, started once per test run on first
/// use from the project-local install (.work/tools, see scripts/install-test-deps.sh), stopped by
/// <see cref="TestServersTeardown"/>.
/// </summary>
public sealed class AzuriteServer
{
    /// <summary>Azurite's well-known development account.</summary>
    public const string AccountName = "devstoreaccount1";
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static AzuriteServer? shared;
    private readonly Process process;

    private AzuriteServer(Process process, int port)
    {
        this.process = process;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The blob service endpoint including the account, as the SDK expects for emulators.</summary>
    public Uri ServiceUri => new($"http://127.0.0.1:{Port}/{AccountName}");

    public static IReadOnlyDictionary<string, byte[]> SecretData => new Dictionary<string, byte[]>
    {
        [ObjectStoreFactory.AzureAccountKey] = Encoding.UTF8.GetBytes(AccountKey),
    };

    public static async Task<AzuriteServer> GetAsync()
    {
        await Gate.WaitAsync();
        try
        {
            return shared ??= await StartAsync();
        }
        finally
        {
            Gate.Release();
        }
    }

    public static string FreshContainerName() => "t-" + Guid.NewGuid().ToString("N")[..20];

    /// <summary>BackupStorage options for a container on this server (or on <paramref name="serviceUri"/>, e.g. a fault proxy).</summary>
    public BackupStorageOptions StorageOptions(string container, string? prefix = null, Uri? serviceUri = null, string name = "default/azure-storage") => new()
    {
        Name = name,
        Provider = "azure",
        Azure = new AzureStorageOptions { StorageAccount = AccountName, Container = container, Prefix = prefix, Endpoint = serviceUri ?? ServiceUri, SecretName = "azure-secret" },
    };

    internal static async Task StopSharedAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (shared is not null && !shared.process.HasExited)
            {
                shared.process.Kill(entireProcessTree: true);
                await shared.process.WaitForExitAsync();
            }

            shared?.process.Dispose();
            shared = null;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<AzuriteServer> StartAsync()
    {
        var executable = Path.Combine(RepositoryRoot.WorkDirectory, "tools", "node_modules", ".bin", "azurite-blob");
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"Azurite is not installed at {executable}: run scripts/install-test-deps.sh (make test-deps)");
        }

        var port = FreePorts.Take(1)[0];
        var start = new ProcessStartInfo(executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.Combine(RepositoryRoot.WorkDirectory, "tools"),
        };
        foreach (var argument in new[] { "--inMemoryPersistence", "--skipApiVersionCheck", "--blobHost", "127.0.0.1", "--blobPort", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--silent" })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start azurite-blob");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"azurite-blob exited with {process.ExitCode} during start");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                return new AzuriteServer(process, port);
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        process.Kill(entireProcessTree: true);
        throw new TimeoutException($"azurite-blob did not listen on 127.0.0.1:{port} within 30 s");
    }
}
