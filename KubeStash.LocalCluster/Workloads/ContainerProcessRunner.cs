using System.ComponentModel;
using System.Diagnostics;

namespace KubeStash.LocalCluster.Workloads;

/// <summary>
/// Runs one container's program to its exit code. Cancellation kills a child process with its whole process tree
/// and reports 137, as a SIGKILLed container does; an in-process entry point is asked to stop through its token.
/// </summary>
internal static class ContainerProcessRunner
{
    public const int KilledExitCode = 137;

    /// <summary>The exit code of a program that could not be started, as a container runtime reports it.</summary>
    public const int NotStartedExitCode = 128;

    /// <summary>How a container's program ended; <paramref name="Reason"/> overrides Completed/Error when set.</summary>
    public sealed record ContainerExit(int Code, string? Reason);

    public static async Task<ContainerExit> RunAsync(ImageProgram program, ProcessInvocation invocation, bool inheritHostEnvironment, CancellationToken cancellationToken)
    {
        if (program.EntryPoint is { } entryPoint)
        {
            return new ContainerExit(await RunInProcessAsync(entryPoint, invocation, cancellationToken), null);
        }

        var start = new ProcessStartInfo(program.ExecutablePath!)
        {
            WorkingDirectory = invocation.WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in program.BaseArguments.Concat(invocation.Arguments))
        {
            start.ArgumentList.Add(argument);
        }

        if (!inheritHostEnvironment)
        {
            start.Environment.Clear();
        }

        foreach (var (name, value) in invocation.Environment)
        {
            start.Environment[name] = value;
        }

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            await invocation.StandardError.WriteLineAsync($"local kubelet: cannot start {program.ExecutablePath}: {e.Message}");
            return new ContainerExit(NotStartedExitCode, "StartError");
        }

        process.StandardInput.Close();
        var stdout = PumpAsync(process.StandardOutput, invocation.StandardOutput);
        var stderr = PumpAsync(process.StandardError, invocation.StandardError);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It exited on its own between the cancellation and the kill.
            }

            await process.WaitForExitAsync(CancellationToken.None);
            await Task.WhenAll(stdout, stderr);
            return new ContainerExit(KilledExitCode, null);
        }

        await Task.WhenAll(stdout, stderr);
        return new ContainerExit(process.ExitCode, null);
    }

    private static async Task<int> RunInProcessAsync(Func<ProcessInvocation, CancellationToken, Task<int>> entryPoint, ProcessInvocation invocation, CancellationToken cancellationToken)
    {
        try
        {
            // Run off the caller's context so a synchronous entry point cannot stall the kubelet.
            return await Task.Run(() => entryPoint(invocation, cancellationToken), CancellationToken.None);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return KilledExitCode;
        }
        catch (Exception e)
        {
            // An unhandled exception ends a .NET program with its text on stderr and a failing exit code.
            await invocation.StandardError.WriteLineAsync($"Unhandled exception. {e}");
            return 1;
        }
    }

    private static async Task PumpAsync(StreamReader from, TextWriter to)
    {
        var buffer = new char[4096];
        int read;
        while ((read = await from.ReadAsync(buffer.AsMemory())) > 0)
        {
            to.Write(buffer, 0, read);
        }
    }
}
