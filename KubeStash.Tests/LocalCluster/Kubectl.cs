using System.Diagnostics;

namespace KubeStash.Tests.LocalCluster;

/// <summary>Runs the real kubectl against a local cluster, with its own discovery cache and a timeout.</summary>
internal sealed class Kubectl(string kubeconfig, string cacheDirectory)
{
    public async Task<KubectlResult> RunAsync(string arguments, string? stdin = null, int timeoutSeconds = 30)
    {
        using var process = Start(arguments, stdin is not null);
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"kubectl {arguments} did not finish within {timeoutSeconds} s; stdout so far: {await stdout}; stderr: {await stderr}");
        }
        return new KubectlResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts a long-running kubectl (e.g. get --watch); the caller reads its output and kills it.</summary>
    public Process Start(string arguments, bool redirectInput = false)
    {
        var start = new ProcessStartInfo("kubectl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["--kubeconfig", kubeconfig, "--cache-dir", cacheDirectory, .. Split(arguments)])
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["KUBECONFIG"] = kubeconfig;
        start.Environment["HOME"] = cacheDirectory;
        return Process.Start(start) ?? throw new InvalidOperationException("kubectl could not be started");
    }

    /// <summary>Splits on spaces; single quotes group (and are removed), as a shell would.</summary>
    private static List<string> Split(string arguments)
    {
        var result = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        var any = false;
        foreach (var c in arguments)
        {
            if (c == '\'')
            {
                quoted = !quoted;
                any = true;
            }
            else if (c == ' ' && !quoted)
            {
                if (any)
                {
                    result.Add(current.ToString());
                    current.Clear();
                    any = false;
                }
            }
            else
            {
                current.Append(c);
                any = true;
            }
        }
        if (any)
        {
            result.Add(current.ToString());
        }
        return result;
    }
}
