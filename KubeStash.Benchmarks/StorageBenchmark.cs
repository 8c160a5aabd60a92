using System.Diagnostics;
using System.Reflection;

namespace KubeStash.Benchmarks;

/// <summary>
/// Writes and then reads (verifying everything) one large snapshot per backend, plain and encrypted, and prints
/// throughput and peak RSS per phase. Targets: peak RSS ≤ 100 MiB whatever the snapshot size; local write ≥ 100 MiB/s.
/// </summary>
internal sealed class StorageBenchmark(StorageBenchmarkOptions options)
{
    public async Task<int> RunAsync()
    {
        var root = FindRepositoryRoot();
        Console.WriteLine($"storage benchmark: {options.Entries:N0} entries, ~{options.TotalMiB} MiB, {options.PartMiB} MiB parts, {options.Uploads} uploads in flight; each phase in its own process");
        Console.WriteLine("MiB/s is wall-clock (shared machines slow it down); MiB/CPU-s is what one core of this process achieved (whole process, start-up included)");
        Console.WriteLine($"{"backend",-8} {"mode",-10} {"phase",-6} {"MiB",8} {"seconds",8} {"MiB/s",8} {"CPU s",8} {"MiB/CPU-s",10} {"peak RSS MiB",13} {"stored MiB",11}");
        foreach (var backend in options.Backends)
        {
            switch (backend)
            {
                case "local":
                    {
                        var directory = Path.Combine(root, ".work", "bench-local");
                        if (Directory.Exists(directory))
                        {
                            Directory.Delete(directory, recursive: true);
                        }

                        var phase = new StoragePhaseOptions("local", "write", false, options.Entries, options.TotalMiB, options.PartMiB, options.Uploads, directory, null, null, null);
                        var ok = await RunBothModesAsync(phase);
                        Directory.Delete(directory, recursive: true);
                        if (!ok)
                        {
                            return 1;
                        }

                        break;
                    }

                case "s3":
                    {
                        await using var server = await RadosgwProcess.StartAsync(root);
                        var phase = new StoragePhaseOptions("s3", "write", false, options.Entries, options.TotalMiB, options.PartMiB, options.Uploads, null, server.Endpoint.ToString(), server.AccessKey, server.SecretKey);
                        if (!await RunBothModesAsync(phase))
                        {
                            return 1;
                        }

                        break;
                    }

                default:
                    Console.Error.WriteLine($"unknown backend {backend} (local, s3)");
                    return 2;
            }
        }

        return 0;
    }

    private async Task<bool> RunBothModesAsync(StoragePhaseOptions template)
    {
        for (var round = 0; round < options.Rounds; round++)
        {
            foreach (var encrypted in options.Encrypted)
            {
                foreach (var phase in new[] { "write", "read" })
                {
                    if (!await RunChildAsync(template with { Encrypted = encrypted, Phase = phase }))
                    {
                        return false;
                    }
                }
            }
        }

        return true;
    }

    private static async Task<bool> RunChildAsync(StoragePhaseOptions phase)
    {
        var self = Environment.ProcessPath ?? "dotnet";
        var start = new ProcessStartInfo(self) { UseShellExecute = false };

        // The phases stand in for the Dumper Job, so they run with the runtime settings it has: its image's
        // environment (non-concurrent workstation GC; an 8 MiB gen0 budget, where .NET would size it from the CPU's
        // cache, tens of MiB on servers, which alone would decide the peak RSS; no diagnostics server) and its
        // runtimeconfig's TieredPGO=false.
        start.Environment.TryAdd("DOTNET_gcServer", "0");
        start.Environment.TryAdd("DOTNET_gcConcurrent", "0");
        start.Environment.TryAdd("DOTNET_GCgen0size", DumperGcSettings.Gen0Size);
        start.Environment.TryAdd("DOTNET_EnableDiagnostics", DumperGcSettings.EnableDiagnostics);
        start.Environment.TryAdd("DOTNET_TieredPGO", DumperGcSettings.TieredPgo);
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(Assembly.GetExecutingAssembly().Location);
        }

        foreach (var argument in phase.ToArguments())
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the benchmark phase");
        await process.WaitForExitAsync();
        return process.ExitCode == 0;
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "KubeStash.sln")))
            {
                return directory.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
