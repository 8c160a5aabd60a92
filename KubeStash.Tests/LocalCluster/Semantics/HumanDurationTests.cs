using KubeStash.LocalCluster.Semantics;

namespace KubeStash.Tests.LocalCluster.Semantics;

public sealed class HumanDurationTests
{
    [TestCase(-3, "<invalid>")]
    [TestCase(-1, "0s")]
    [TestCase(0, "0s")]
    [TestCase(45, "45s")]
    [TestCase(119, "119s")]
    [TestCase(120, "2m")]
    [TestCase(150, "2m30s")]
    [TestCase(599, "9m59s")]
    [TestCase(600, "10m")]
    [TestCase(659, "10m")]
    [TestCase(179 * 60, "179m")]
    [TestCase(3 * 3600, "3h")]
    [TestCase(3 * 3600 + 30 * 60, "3h30m")]
    [TestCase(8 * 3600 - 60, "7h59m")]
    [TestCase(8 * 3600, "8h")]
    [TestCase(47 * 3600, "47h")]
    [TestCase(48 * 3600, "2d")]
    [TestCase(50 * 3600, "2d2h")]
    [TestCase(8 * 86400 - 3600, "7d23h")]
    [TestCase(8 * 86400, "8d")]
    [TestCase(729 * 86400, "729d")]
    [TestCase(730 * 86400, "2y")]
    [TestCase(731 * 86400, "2y1d")]
    [TestCase(365 * 8 * 86400, "8y")]
    [TestCase(3650 * 86400L + 86400 * 3, "10y")]
    public void Formats_like_kube(long seconds, string expected) =>
        HumanDuration.Format(TimeSpan.FromSeconds(seconds)).Should().Be(expected);

    [Test]
    public void Since_handles_a_missing_timestamp()
    {
        var now = DateTimeOffset.Parse("2024-05-01T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        HumanDuration.Since(null, now).Should().Be("<unknown>");
        HumanDuration.Since(now.AddMinutes(-5), now).Should().Be("5m");
    }
}
