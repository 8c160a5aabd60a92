using System.Text.RegularExpressions;
using KubeStash.Dumper.Cli;
using KubeStash.LocalCluster;

namespace KubeStash.Tests.Dumper;

/// <summary>
/// The Dumper reads <c>--kubeconfig</c> itself and hands it to KubernetesClient: what a kubeconfig says about the server,
/// its certificate authority (inline or a path relative to the file) and the user's token must all reach the requests.
/// </summary>
public sealed partial class KubeconfigTests
{
    private const string Token = "dumper-test-token";

    [Test]
    public async Task An_https_cluster_with_a_bearer_token_is_dumped_with_the_kubeconfig_authority_and_token()
    {
        await using var cluster = await StartSecuredAsync();
        using var work = new ScratchDirectory();

        var run = await BackupAsync(cluster.KubeconfigPath, work.Path);

        run.Code.Should().Be(0, run.Stderr);
        run.Stdout.Should().Contain("dumped 1 objects");
        File.Exists(Path.Combine(work.Path, "out", "manifest", "configmaps", "namespaces", "default", "greeting.yaml")).Should().BeTrue();
    }

    [Test]
    public async Task A_wrong_token_fails_with_the_server_answer()
    {
        await using var cluster = await StartSecuredAsync();
        using var work = new ScratchDirectory();
        var kubeconfig = Path.Combine(work.Path, "kubeconfig");
        await File.WriteAllTextAsync(kubeconfig, (await File.ReadAllTextAsync(cluster.KubeconfigPath)).Replace(Token, "not-the-token", StringComparison.Ordinal));

        var run = await BackupAsync(kubeconfig, work.Path);

        run.Code.Should().Be(1);
        run.Stderr.Should().Contain("401");
    }

    [Test]
    public async Task A_certificate_authority_path_is_resolved_against_the_kubeconfig_directory()
    {
        await using var cluster = await StartSecuredAsync();
        using var work = new ScratchDirectory();
        var text = await File.ReadAllTextAsync(cluster.KubeconfigPath);
        var authority = AuthorityData().Match(text);
        authority.Success.Should().BeTrue(text);
        await File.WriteAllBytesAsync(Path.Combine(work.Path, "ca.crt"), Convert.FromBase64String(authority.Groups["data"].Value));
        var kubeconfig = Path.Combine(work.Path, "kubeconfig");
        await File.WriteAllTextAsync(kubeconfig, AuthorityData().Replace(text, "certificate-authority: ca.crt"));

        var run = await BackupAsync(kubeconfig, work.Path);

        run.Code.Should().Be(0, run.Stderr);
        run.Stdout.Should().Contain("dumped 1 objects");
    }

    [Test]
    public async Task A_missing_kubeconfig_fails_naming_the_file()
    {
        using var work = new ScratchDirectory();
        var missing = Path.Combine(work.Path, "no-such-kubeconfig");

        var run = await BackupAsync(missing, work.Path);

        run.Code.Should().Be(1);
        run.Stderr.Should().Contain(missing);
    }

    [Test]
    public async Task A_kubeconfig_that_is_not_yaml_fails_naming_the_file()
    {
        using var work = new ScratchDirectory();
        var broken = Path.Combine(work.Path, "kubeconfig");
        await File.WriteAllTextAsync(broken, "clusters: [\n  - name: {unclosed\n");

        var run = await BackupAsync(broken, work.Path);

        run.Code.Should().Be(1);
        run.Stderr.Should().Contain(broken).And.Contain("not valid YAML");
    }

    private static async Task<LocalClusterServer> StartSecuredAsync()
    {
        var cluster = new LocalClusterServer(new LocalClusterOptions { UseHttps = true, BearerToken = Token });
        await cluster.StartAsync();
        await cluster.LoadYamlAsync("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: greeting, namespace: default}\ndata: {hello: world}\n");
        return cluster;
    }

    private static async Task<(int Code, string Stdout, string Stderr)> BackupAsync(string kubeconfig, string work)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await DumperProgram.RunAsync(
            ["backup", $"--kubeconfig={kubeconfig}", $"--output={Path.Combine(work, "out")}", "--include-resources=configmaps"],
            stdout,
            stderr,
            new Dictionary<string, string>(),
            CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private sealed class ScratchDirectory : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("dumper-kubeconfig-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }

    [GeneratedRegex(@"certificate-authority-data: (?<data>[A-Za-z0-9+/=]+)")]
    private static partial Regex AuthorityData();
}
