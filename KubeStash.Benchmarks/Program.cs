using System.CommandLine;
using KubeStash.Benchmarks;

// Usage: `dotnet run -c Release --project KubeStash.Benchmarks -- --help`, and the Makefile's bench-* targets.
try
{
    return await BenchmarkCommandLine.Create().Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
