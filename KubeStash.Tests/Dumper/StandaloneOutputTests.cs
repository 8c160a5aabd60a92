using KubeStash.Storage;
using KubeStash.Storage.Layout;
using KubeStash.Storage.Snapshots;
using KubeStash.Tests.TestServers;

namespace KubeStash.Tests.Dumper;

/// <summary><c>backup --output s3://…</c> without the operator writes a committed, verifiable snapshot.</summary>
public sealed class StandaloneOutputTests
{
    [Test]
    public async Task S3_output_writes_a_committed_snapshot_with_credentials_from_the_environment()
    {
        await using var cluster = await SeededCluster.StartAsync();
        var s3 = await S3TestServer.GetAsync();
        var bucket = S3TestServer.FreshBucketName();
        var environment = s3.DumperEnvironment();

        var run = await cluster.RunAsync(environment, "backup", $"--output=s3://{bucket}/team", "--snapshot=nightly", "--include-namespaces=blog");

        run.ExitCode.Should().Be(0, run.Stderr + run.Stdout);
        run.Stdout.Should().Contain("snapshot nightly: 3 objects");
        await using var store = new ObjectStoreFactory().Create(s3.StorageOptions(bucket, "team"), s3.SecretData);
        var reader = await SnapshotReader.OpenAsync(store, StorageLayout.SnapshotDataPrefix("kubedump", "nightly"), null);
        (await reader.VerifyAsync()).VerifiedEntries.Should().Be(3);
        var entries = new List<string>();
        await foreach (var entry in reader.ReadIndexAsync())
        {
            entries.Add(entry.Path);
        }

        entries.Order(StringComparer.Ordinal).Should().Equal(
            "manifest/configmaps/namespaces/blog/blog-config.yaml",
            "manifest/namespaces/cluster/blog.yaml",
            "manifest/widgets.example.com/namespaces/blog/w2.yaml");
    }

    [Test]
    public async Task S3_output_without_credentials_fails_naming_the_variable()
    {
        await using var cluster = await SeededCluster.StartAsync();
        var run = await cluster.RunAsync(new Dictionary<string, string>(), "backup", "--output=s3://bucket/prefix");
        run.ExitCode.Should().Be(1);
        run.Stderr.Should().Contain("AWS_ACCESS_KEY_ID");
    }
}
