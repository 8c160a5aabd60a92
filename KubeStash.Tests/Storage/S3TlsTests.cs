using System.Text;
using KubeStash.Storage;
using KubeStash.Tests.TestServers;

namespace KubeStash.Tests.Storage;

/// <summary>S3 over HTTPS with a certificate no public authority signed: CA_CERT_DATA, insecureTLS, or a clear refusal.</summary>
public sealed class S3TlsTests
{
    [Test]
    public async Task A_self_signed_endpoint_works_with_CA_CERT_DATA_or_insecureTLS_and_is_refused_otherwise()
    {
        var server = await S3TestServer.GetAsync();
        using var certificate = TestCertificates.CreateLoopbackServerCertificate();
        await using var proxy = await FaultProxy.StartAsync(server.Endpoint, new FaultProxyOptions { TlsCertificate = certificate });
        proxy.Address.Scheme.Should().Be("https");
        var bucket = S3TestServer.FreshBucketName();
        var factory = new ObjectStoreFactory(resilience: TestBackends.FastRetries);

        var withCa = new Dictionary<string, byte[]>(server.SecretData) { [ObjectStoreFactory.CaCertData] = Encoding.UTF8.GetBytes(certificate.ExportCertificatePem()) };
        await using (var store = factory.Create(server.StorageOptions(bucket, endpoint: proxy.Address), withCa))
        {
            await store.EnsureReadyAsync(CancellationToken.None);
            await store.PutAsync("tls.yaml", "over tls"u8.ToArray(), CancellationToken.None);
            (await store.GetAsync("tls.yaml", CancellationToken.None)).Should().Equal("over tls"u8.ToArray());
        }

        var insecure = server.StorageOptions(bucket, endpoint: proxy.Address);
        insecure = insecure with { S3 = insecure.S3! with { InsecureTls = true } };
        await using (var store = factory.Create(insecure, server.SecretData))
        {
            (await store.GetAsync("tls.yaml", CancellationToken.None)).Should().Equal("over tls"u8.ToArray());
        }

        await using (var store = factory.Create(server.StorageOptions(bucket, endpoint: proxy.Address), server.SecretData))
        {
            var get = () => store.GetAsync("tls.yaml", CancellationToken.None);
            var error = (await get.Should().ThrowAsync<StorageException>()).Which;
            error.Kind.Should().Be(StorageErrorKind.Configuration, "an untrusted certificate is not retried");
            error.Message.Should().Contain(bucket).And.Contain("TLS certificate is not trusted");
        }
    }
}
