using KubeStash.Benchmarks;
using KubeStash.Benchmarks.Lifecycle;
using KubeStash.Benchmarks.Runtime;

// Benchmarks print figures; they assert nothing. Usage:
//   dotnet run -c Release --project KubeStash.Benchmarks -- storage [--entries 100000] [--mib 500] [--backends local,s3] [--modes plain,encrypted] [--part-mib 2] [--uploads 3] [--rounds 1]
//   dotnet run -c Release --project KubeStash.Benchmarks -- runtime [--entities 1000] [--idle-samples 100] [--creators 32]
//   dotnet run -c Release --project KubeStash.Benchmarks -- lifecycle [--configs 1000] [--namespaces 10] [--run-now 200] [--burst 200] [--encrypted]
//   dotnet run -c Release --project KubeStash.Benchmarks -- dumper [--sizes 10000,100000] [--namespaces 200] [--page-size 500] [--parallelism 4] [--runs 1] [--dumper PATH] [--serve]
// "storage" runs every phase (write, read) in a child process of its own ("storage-phase"), so each peak RSS
// figure is that of a process doing just that phase, as a backup or restore Job would. "dumper" runs its floor
// ("dumper-floor", the bare paginated LIST) in a child process of its own, as it runs the Dumper.
try
{
    switch (args.FirstOrDefault())
    {
        case "storage":
            return await new StorageBenchmark(StorageBenchmarkOptions.Parse(args[1..])).RunAsync();
        case "dumper":
            return await DumperBenchmark.Parse(args[1..]).RunAsync();
        case "dumper-floor":
            return await ListFloor.RunAsync(args[1..]);
        case "storage-phase":
            return await StoragePhase.RunAsync(StoragePhaseOptions.Parse(args[1..]));
        case "lifecycle":
            return await LifecycleBenchmark.RunAsync(LifecycleBenchmarkOptions.Parse(args[1..]));
        case "runtime":
            return await RuntimeBenchmark.RunAsync(RuntimeBenchmarkOptions.Parse(args[1..]));
        default:
            Console.Error.WriteLine("usage: KubeStash.Benchmarks storage [--entries N] [--mib N] [--backends local,s3] [--modes plain,encrypted] [--part-mib N] [--uploads N] [--rounds N]");
            Console.Error.WriteLine("       KubeStash.Benchmarks runtime [--entities N] [--idle-samples N] [--creators N]");
            Console.Error.WriteLine("       KubeStash.Benchmarks lifecycle [--configs N] [--namespaces N] [--run-now N] [--burst N] [--encrypted]");
            Console.Error.WriteLine("       KubeStash.Benchmarks dumper [--sizes 10000,100000] [--namespaces 200] [--page-size 500] [--parallelism 4] [--runs 1] [--dumper PATH] [--serve]");
            return 2;
    }
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
