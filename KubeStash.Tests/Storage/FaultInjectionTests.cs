using KubeStash.Storage;
using KubeStash.Storage.Layout;
using KubeStash.Storage.Snapshots;
using KubeStash.Tests.TestServers;

namespace KubeStash.Tests.Storage;

/// <summary>Snapshots through a proxy that fails requests: nothing lost, nothing half-done committed.</summary>
public sealed class FaultInjectionTests
{
    private static readonly StorageResilienceOptions Patient = new()
    {
        MaxRetryAttempts = 10,
        BaseDelay = TimeSpan.FromMilliseconds(20),
        MaxDelay = TimeSpan.FromMilliseconds(400),
        AttemptTimeout = TimeSpan.FromSeconds(2),
    };

    private static readonly StorageResilienceOptions Impatient = Patient with { MaxRetryAttempts = 3 };

    private static async Task<(FaultProxy Proxy, IObjectStore ViaProxy, IObjectStore Direct, string Bucket)> StartAsync(string provider, StorageResilienceOptions resilience, FaultProxyOptions faults)
    {
        var factory = new ObjectStoreFactory(resilience: resilience);
        if (provider == "s3")
        {
            var server = await S3TestServer.GetAsync();
            var proxy = await FaultProxy.StartAsync(server.Endpoint, faults);
            var bucket = S3TestServer.FreshBucketName();
            var direct = factory.Create(server.StorageOptions(bucket, "backups"), server.SecretData);
            await direct.EnsureReadyAsync(CancellationToken.None);
            return (proxy, factory.Create(server.StorageOptions(bucket, "backups", proxy.Address), server.SecretData), direct, bucket);
        }
        else
        {
            var server = await AzuriteServer.GetAsync();
            var proxy = await FaultProxy.StartAsync(server.ServiceUri, faults);
            var container = AzuriteServer.FreshContainerName();
            var direct = factory.Create(server.StorageOptions(container, "backups"), AzuriteServer.SecretData);
            await direct.EnsureReadyAsync(CancellationToken.None);
            return (proxy, factory.Create(server.StorageOptions(container, "backups", proxy.Address), AzuriteServer.SecretData), direct, container);
        }
    }

    [TestCase("s3")]
    [TestCase("azure")]
    public async Task With_ten_percent_of_requests_failing_snapshots_complete_and_verify(string provider)
    {
        var (proxy, viaProxy, direct, _) = await StartAsync(provider, Patient, new FaultProxyOptions { FailureRate = 0.1, StallFor = TimeSpan.FromSeconds(4), Seed = 42 });
        await using var _1 = proxy;
        await using var _2 = viaProxy;
        await using var _3 = direct;

        var layout = new StorageLayout(viaProxy);
        await layout.InitializeStorageAsync(new StorageIdentity { BackupStorage = "demo/flaky", Provider = provider });
        var content = new GeneratedSnapshot(3000, largeEvery: 300);
        var prefix = StorageLayout.SnapshotDataPrefix("demo/app", "snap-1");
        await using (var writer = await SnapshotWriter.CreateAsync(viaProxy, prefix, "snap-1", key: null, new SnapshotWriterOptions { PartSize = 256 << 10 }))
        {
            var commit = await content.WriteAsync(writer);
            commit.Archive.Parts.Should().HaveCountGreaterThan(20);
        }

        var reader = await SnapshotReader.OpenAsync(viaProxy, prefix, key: null);
        var result = await reader.VerifyAsync();
        result.VerifiedEntries.Should().Be(3000);

        // And the same data reads back without the proxy, so nothing was stored twice or half.
        var directResult = await (await SnapshotReader.OpenAsync(direct, prefix, key: null)).VerifyAsync();
        directResult.VerifiedBytes.Should().Be(result.VerifiedBytes);
        proxy.Faults.Should().BeGreaterThan(5, $"the proxy saw {proxy.Requests} requests");
        TestContext.Out.WriteLine($"{provider}: {proxy.Requests} requests, {proxy.Faults} injected faults");
    }

    [TestCase("s3")]
    [TestCase("azure")]
    public async Task When_the_backend_is_down_no_commit_record_is_written_and_the_error_names_it(string provider)
    {
        var (proxy, viaProxy, direct, bucket) = await StartAsync(provider, Impatient, new FaultProxyOptions());
        await using var _1 = proxy;
        await using var _2 = viaProxy;
        await using var _3 = direct;

        var prefix = StorageLayout.SnapshotDataPrefix("demo/app", "snap-1");
        var content = new GeneratedSnapshot(500, largeEvery: 100);
        await using var writer = await SnapshotWriter.CreateAsync(viaProxy, prefix, "snap-1", key: null, new SnapshotWriterOptions { PartSize = 256 << 10 });
        for (var i = 0; i < 200; i++)
        {
            await writer.AddAsync(GeneratedSnapshot.PathOf(i), content.Content(i));
        }

        // The outage starts mid-snapshot and does not end.
        proxy.Options = new FaultProxyOptions { FailureRate = 1.0, Kinds = [FaultKind.ServiceUnavailable, FaultKind.ResetBeforeRequest] };
        var finish = async () =>
        {
            for (var i = 200; i < 500; i++)
            {
                await writer.AddAsync(GeneratedSnapshot.PathOf(i), content.Content(i));
            }

            await writer.CommitAsync();
        };
        var error = (await finish.Should().ThrowAsync<StorageException>()).Which;
        error.Message.Should().Contain(bucket).And.Contain(provider == "s3" ? "s3 bucket" : "azure container").And.Contain("gave up after 4 attempts");

        (await direct.StatAsync(prefix + "/commit.yaml", CancellationToken.None)).Should().BeNull();
        var open = () => SnapshotReader.OpenAsync(direct, prefix, key: null);
        await open.Should().ThrowAsync<SnapshotNotCommittedException>();
    }

    [Test]
    public async Task Stalled_requests_are_abandoned_after_the_attempt_timeout_and_retried()
    {
        var (proxy, viaProxy, direct, _) = await StartAsync("s3", Patient with { AttemptTimeout = TimeSpan.FromMilliseconds(500) }, new FaultProxyOptions { FailureRate = 1.0, MaxFaults = 2, Kinds = [FaultKind.Stall], StallFor = TimeSpan.FromSeconds(30) });
        await using var _1 = proxy;
        await using var _2 = viaProxy;
        await using var _3 = direct;
        var started = DateTime.UtcNow;
        await viaProxy.PutAsync("after-stalls.yaml", "ok"u8.ToArray(), CancellationToken.None);
        (DateTime.UtcNow - started).Should().BeLessThan(TimeSpan.FromSeconds(10));
        proxy.Faults.Should().Be(2);
        (await direct.GetAsync("after-stalls.yaml", CancellationToken.None)).Should().Equal("ok"u8.ToArray());
    }
}
