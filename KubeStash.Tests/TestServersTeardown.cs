using KubeStash.Tests.TestServers;

namespace KubeStash.Tests;

/// <summary>Stops the shared test servers (started lazily by whichever test needs them first) after the whole run.</summary>
[SetUpFixture]
public sealed class TestServersTeardown
{
    [OneTimeTearDown]
    public async Task StopServers()
    {
        await S3TestServer.StopSharedAsync();
        await AzuriteServer.StopSharedAsync();
    }
}
