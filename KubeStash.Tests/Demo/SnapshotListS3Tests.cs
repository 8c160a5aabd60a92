using KubeStash.Dumper.Cli;
using KubeStash.Tests.Dumper;
using KubeStash.Tests.TestServers;

namespace KubeStash.Tests.Demo;

/// <summary><c>KubeStash.Dumper list</c> reads an S3 backend as it reads a local one: snapshots, then the files inside an encrypted one.</summary>
public sealed class SnapshotListS3Tests
{
    [Test]
    public async Task List_shows_the_snapshots_and_the_files_of_an_encrypted_snapshot_in_S3()
    {
        await using var cluster = await SeededCluster.StartAsync();
        var s3 = await S3TestServer.GetAsync();
        var bucket = S3TestServer.FreshBucketName();
        var environment = s3.DumperEnvironment();
        environment["RESTIC_PASSWORD"] = "list-test-password";
        var backup = await cluster.RunAsync(environment, "backup", $"--output=s3://{bucket}/team", "--repository=blog-repo", "--snapshot=nightly", "--include-namespaces=blog");
        backup.ExitCode.Should().Be(0, backup.Stderr + backup.Stdout);

        var snapshots = await ListAsync(environment, "list", $"--storage=s3://{bucket}/team", "--repository=blog-repo");
        snapshots.Code.Should().Be(0, snapshots.Stderr);
        snapshots.Stdout.Should().Be("nightly\n");

        var files = await ListAsync(environment, "list", $"--storage=s3://{bucket}/team", "--repository=blog-repo", "--snapshot=nightly");
        files.Code.Should().Be(0, files.Stderr);
        var lines = files.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines.SkipLast(1).Select(l => l.Split("  ", 2)[1]).Should().BeEquivalentTo(
            "manifest/configmaps/namespaces/blog/blog-config.yaml",
            "manifest/namespaces/cluster/blog.yaml",
            "manifest/widgets.example.com/namespaces/blog/w2.yaml");
        lines.SkipLast(1).Should().AllSatisfy(l => long.Parse(l.Split("  ", 2)[0], System.Globalization.CultureInfo.InvariantCulture).Should().BePositive());
        lines[^1].Should().StartWith("snapshot nightly: 3 files").And.Contain("encryption AES-256-GCM");
    }

    private static async Task<(int Code, string Stdout, string Stderr)> ListAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await DumperProgram.RunAsync(args, stdout, stderr, environment, CancellationToken.None);
        return (code, stdout.ToString().ReplaceLineEndings("\n"), stderr.ToString());
    }
}
