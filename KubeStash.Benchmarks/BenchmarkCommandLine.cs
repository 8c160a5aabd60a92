using System.CommandLine;
using KubeStash.Benchmarks.Lifecycle;
using KubeStash.Benchmarks.Runtime;

namespace KubeStash.Benchmarks;

/// <summary>
/// The benchmarks' commands. Benchmarks print figures; they assert nothing. <c>storage</c> runs every phase (write,
/// read) in a child process of its own (<c>storage-phase</c>), so each peak RSS figure is that of a process doing just
/// that phase, as a backup or restore Job would; <c>dumper</c> runs its floor (<c>dumper-floor</c>, the bare paginated
/// LIST) in a child process of its own, as it runs the Dumper.
/// </summary>
internal static class BenchmarkCommandLine
{
    public static RootCommand Create()
    {
        var root = new RootCommand("KubeStash for .NET benchmarks: each prints its figures");
        root.Subcommands.Add(Storage());
        root.Subcommands.Add(StoragePhaseCommand());
        root.Subcommands.Add(RuntimeCommand());
        root.Subcommands.Add(LifecycleCommand());
        root.Subcommands.Add(Dumper());
        root.Subcommands.Add(DumperFloor());
        return root;
    }

    private static Command Storage()
    {
        var entries = Number("--entries", 100_000, 100, "Snapshot entries");
        var mib = Number("--mib", 500, 1, "Snapshot size in MiB");
        var partMiB = Number("--part-mib", 2, 1, "Part size in MiB");
        var uploads = Number("--uploads", new Storage.Snapshots.SnapshotWriterOptions().ParallelUploads, 1, "Parts uploaded at once");
        var rounds = Number("--rounds", 1, 1, "Times every phase runs");
        var backends = List("--backends", "local,s3", "Backends: local, s3");
        var modes = List("--modes", "plain,encrypted", "Modes: plain, encrypted");
        var command = new Command("storage", "A 100k-entry, ~500 MiB snapshot written and read back, each phase in its own process") { entries, mib, partMiB, uploads, rounds, backends, modes };
        command.SetAction((result, _) => new StorageBenchmark(new StorageBenchmarkOptions(
            result.GetValue(entries),
            result.GetValue(mib),
            Split(result.GetValue(backends)!),
            result.GetValue(partMiB),
            result.GetValue(uploads),
            [.. Split(result.GetValue(modes)!).Select(mode => mode switch
            {
                "plain" => false,
                "encrypted" => true,
                _ => throw new ArgumentException($"--modes: unknown mode {mode} (plain, encrypted)"),
            })],
            result.GetValue(rounds))).RunAsync());
        return command;
    }

    private static Command StoragePhaseCommand()
    {
        var backend = Required("--backend");
        var phase = Required("--phase");
        var mode = Required("--mode");
        var entries = Number("--entries", 0, 1, "Snapshot entries");
        var mib = Number("--mib", 0, 1, "Snapshot size in MiB");
        var partMiB = Number("--part-mib", 0, 1, "Part size in MiB");
        var uploads = Number("--uploads", 0, 1, "Parts uploaded at once");
        var directory = new Option<string?>("--dir");
        var endpoint = new Option<string?>("--endpoint");
        var accessKey = new Option<string?>("--access-key");
        var secretKey = new Option<string?>("--secret-key");
        var command = new Command("storage-phase", "One phase of the storage benchmark (the storage command's child process)")
        {
            backend, phase, mode, entries, mib, partMiB, uploads, directory, endpoint, accessKey, secretKey,
        };
        command.Hidden = true;
        command.SetAction((result, _) => StoragePhase.RunAsync(new StoragePhaseOptions(
            result.GetValue(backend)!,
            result.GetValue(phase)!,
            result.GetValue(mode) == "encrypted",
            result.GetValue(entries),
            result.GetValue(mib),
            result.GetValue(partMiB),
            result.GetValue(uploads),
            result.GetValue(directory),
            result.GetValue(endpoint),
            result.GetValue(accessKey),
            result.GetValue(secretKey))));
        return command;
    }

    private static Command RuntimeCommand()
    {
        var entities = Number("--entities", 1000, 1, "Entities created at once");
        var idle = Number("--idle-samples", 100, 1, "Create-to-reconcile samples on an idle queue");
        var creators = Number("--creators", 32, 1, "Concurrent creators");
        var command = new Command("runtime", "The operator runtime: entities created at once until all reconciled") { entities, idle, creators };
        command.SetAction((result, _) => RuntimeBenchmark.RunAsync(new RuntimeBenchmarkOptions(result.GetValue(entities), result.GetValue(idle), result.GetValue(creators))));
        return command;
    }

    private static Command LifecycleCommand()
    {
        var configs = Number("--configs", 1000, 1, "BackupConfigurations applied at once");
        var namespaces = Number("--namespaces", 10, 1, "Namespaces they are spread over");
        var runNow = Number("--run-now", 200, 0, "\"Run now\" samples, one at a time");
        var burst = Number("--burst", 200, 0, "\"Run now\" sessions created at once");
        var encrypted = new Option<bool>("--encrypted") { Description = "Give every repository an encryptionSecret" };
        var command = new Command("lifecycle", "The operator in its own process: configurations until all Ready, run now until the Job") { configs, namespaces, runNow, burst, encrypted };
        command.SetAction((result, _) =>
        {
            // Checked here rather than in a validator: validators do not see the defaults of options left out.
            if (result.GetValue(runNow) + result.GetValue(burst) > result.GetValue(configs))
            {
                throw new ArgumentException($"lifecycle: --run-now plus --burst sessions need that many distinct configurations, but --configs is {result.GetValue(configs)}");
            }

            return LifecycleBenchmark.RunAsync(new LifecycleBenchmarkOptions(
                result.GetValue(configs),
                Math.Min(result.GetValue(namespaces), result.GetValue(configs)),
                result.GetValue(runNow),
                result.GetValue(burst),
                result.GetValue(encrypted)));
        });
        return command;
    }

    private static Command Dumper()
    {
        var sizes = List("--sizes", "10000,100000", "Object counts, in increasing order");
        var namespaces = Number("--namespaces", 200, 1, "Namespaces the objects are spread over");
        var pageSize = Number("--page-size", 500, 1, "Objects per LIST page");
        var parallelism = Number("--parallelism", 4, 1, "Collections listed at once");
        var runs = Number("--runs", 1, 1, "Runs per size");
        var serve = new Option<bool>("--serve") { Description = "Seed the largest size and keep the cluster up for profiling by hand" };
        var dumper = new Option<string?>("--dumper") { Description = "The Dumper to run: its published executable or a dll (default: its build output)" };
        var command = new Command("dumper", "The Dumper against LocalCluster, the paginated-LIST floor and a kubectl loop") { sizes, namespaces, pageSize, parallelism, runs, serve, dumper };
        command.SetAction((result, _) => new DumperBenchmark(
            [.. Split(result.GetValue(sizes)!).Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).Order()],
            result.GetValue(namespaces),
            result.GetValue(pageSize),
            result.GetValue(parallelism),
            result.GetValue(runs),
            result.GetValue(serve),
            result.GetValue(dumper) is { } path ? Path.GetFullPath(path) : null).RunAsync());
        return command;
    }

    private static Command DumperFloor()
    {
        var server = Required("--server");
        var paths = List("--paths", null, "Collection paths, e.g. /api/v1/configmaps");
        paths.Required = true;
        var pageSize = Number("--page-size", 500, 1, "Objects per LIST page");
        var parallelism = Number("--parallelism", 4, 1, "Collections listed at once");
        var command = new Command("dumper-floor", "The paginated LIST the Dumper sends, nothing done with the objects (the dumper command's child process)")
        {
            server, paths, pageSize, parallelism,
        };
        command.Hidden = true;
        command.SetAction((result, _) => ListFloor.RunAsync(new Uri(result.GetValue(server)!), Split(result.GetValue(paths)!), result.GetValue(pageSize), result.GetValue(parallelism)));
        return command;
    }

    private static Option<int> Number(string name, int defaultValue, int minimum, string description)
    {
        var option = new Option<int>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < minimum)
            {
                result.AddError($"{name} must be at least {minimum}");
            }
        });
        return option;
    }

    private static Option<string> List(string name, string? defaultValue, string description) =>
        defaultValue is null
            ? new Option<string>(name) { Description = description }
            : new Option<string>(name) { Description = description, DefaultValueFactory = _ => defaultValue };

    private static Option<string> Required(string name) => new(name) { Required = true };

    private static string[] Split(string list) => list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
