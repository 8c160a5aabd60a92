using System.Collections;
using KubeStash.Dumper.Cli;

namespace KubeStash.Dumper;

internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        using var interrupted = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            interrupted.Cancel();
        };
        var environment = Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? string.Empty, StringComparer.Ordinal);
        return await DumperProgram.RunAsync(args, Console.Out, Console.Error, environment, interrupted.Token);
    }
}
