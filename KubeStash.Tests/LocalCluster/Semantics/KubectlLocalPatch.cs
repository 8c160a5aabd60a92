using System.Diagnostics;
using System.Text.Json.Nodes;

namespace KubeStash.Tests.LocalCluster.Semantics;

/// <summary>
/// Runs the real <c>kubectl patch --local</c> (no cluster needed): apimachinery's own patch code, as the judge of
/// ours. Results come back through kubectl's typed decoding, so compare ours after passing it through
/// <see cref="Normalise"/>.
/// </summary>
internal static class KubectlLocalPatch
{
    /// <summary>The patched object as kubectl prints it, or the error text kubectl printed (without "error: ").</summary>
    public static (string? Json, string? Error) Run(string objectJson, string patchType, string patch)
    {
        var dir = Directory.CreateTempSubdirectory("kubectl-patch-");
        try
        {
            var file = Path.Combine(dir.FullName, "object.json");
            File.WriteAllText(file, objectJson);
            var start = new ProcessStartInfo("kubectl")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { "patch", "-f", file, "--local", "--type", patchType, "-p", patch, "-o", "json" })
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment["KUBECONFIG"] = "/dev/null";
            Process process;
            try
            {
                process = Process.Start(start)!;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                Assert.Ignore("kubectl is not installed on this machine");
                throw;
            }

            using (process)
            {
                var output = process.StandardOutput.ReadToEndAsync();
                var error = process.StandardError.ReadToEndAsync();
                if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
                {
                    process.Kill();
                    Assert.Fail("kubectl patch --local did not finish");
                }

                return process.ExitCode == 0
                    ? (JsonNode.Parse(output.Result)!.ToJsonString(), null)
                    : (null, error.Result.Trim().Replace("error: ", string.Empty, StringComparison.Ordinal));
            }
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <summary>Our result put through kubectl's typed decoding (an empty merge patch changes nothing else).</summary>
    public static string Normalise(JsonNode ours)
    {
        var (json, error) = Run(ours.ToJsonString(), "merge", "{}");
        return json ?? throw new AssertionException("kubectl could not read our result: " + error);
    }
}
