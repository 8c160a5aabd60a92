using KubeStash.Dumper.Discovery;
using KubeStash.Dumper.Output;

namespace KubeStash.Tests.Dumper;

public sealed class ManifestPathsTests
{
    [TestCase("web", "web")]
    [TestCase("system:controller:job", "system%3Acontroller%3Ajob")]
    [TestCase("a%b", "a%25b")]
    [TestCase("Ünïcode name", "%C3%9Cn%C3%AFcode%20name")]
    [TestCase("dots.and_under-scores", "dots.and_under-scores")]
    public void Names_are_escaped_reversibly(string name, string escaped)
    {
        ManifestPaths.Escape(name).Should().Be(escaped);
        ManifestPaths.Unescape(escaped).Should().Be(name);
    }

    [Test]
    public void Paths_follow_the_KubeStash_layout()
    {
        ManifestPaths.For(new ApiResourceType("rbac.authorization.k8s.io", "v1", "clusterroles", "ClusterRole", false), null, "system:auth")
            .Should().Be("manifest/clusterroles.rbac.authorization.k8s.io/cluster/system%3Aauth.yaml");
        ManifestPaths.For(new ApiResourceType(string.Empty, "v1", "configmaps", "ConfigMap", true), "shop", "web")
            .Should().Be("manifest/configmaps/namespaces/shop/web.yaml");
    }

    [Test]
    public void A_truncated_escape_is_refused() =>
        FluentActions.Invoking(() => ManifestPaths.Unescape("bad%4")).Should().Throw<FormatException>();
}
