using KubeStash.LocalCluster.Workloads;

namespace KubeStash.Tests.LocalCluster.Workloads;

public sealed class ImageMapTests
{
    private static readonly ImageProgram Shell = ImageProgram.ChildProcess("/bin/sh");
    private static readonly ImageProgram Pinned = ImageProgram.ChildProcess("/bin/true");

    [TestCase("busybox")]
    [TestCase("busybox:1.36")]
    [TestCase("docker.io/library/busybox:latest")]
    [TestCase("library/busybox")]
    [TestCase("busybox@sha256:abcdef")]
    public void Untagged_key_matches_every_tag_and_spelling_of_the_repository(string image)
    {
        var map = new ImageMap().Add("busybox", Shell);

        map.TryResolve(image, out var program).Should().BeTrue();
        program.Should().BeSameAs(Shell);
    }

    [Test]
    public void Tagged_key_wins_over_untagged_and_matches_only_its_tag()
    {
        var map = new ImageMap().Add("ghcr.io/kubestash/kubedump", Shell).Add("ghcr.io/kubestash/kubedump:v1", Pinned);

        map.TryResolve("ghcr.io/kubestash/kubedump:v1", out var pinned).Should().BeTrue();
        pinned.Should().BeSameAs(Pinned);
        map.TryResolve("ghcr.io/kubestash/kubedump:v2", out var other).Should().BeTrue();
        other.Should().BeSameAs(Shell);
    }

    [Test]
    public void Missing_tag_means_latest()
    {
        var map = new ImageMap().Add("alpine:latest", Shell);

        map.TryResolve("alpine", out _).Should().BeTrue();
        map.TryResolve("alpine:3.20", out _).Should().BeFalse();
    }

    [TestCase("ghcr.io/other/kubedump")]
    [TestCase("localhost:5000/busybox")]
    [TestCase("")]
    [TestCase("bad image")]
    public void Unmapped_or_invalid_images_resolve_to_nothing(string image)
    {
        var map = new ImageMap().Add("busybox", Shell).Add("ghcr.io/kubestash/kubedump", Shell);

        map.TryResolve(image, out _).Should().BeFalse();
    }

    [Test]
    public void Registry_with_port_is_not_mistaken_for_a_tag()
    {
        var reference = ImageReference.Parse("localhost:5000/tools/dumper:1.2@sha256:00");

        reference.Repository.Should().Be("localhost:5000/tools/dumper");
        reference.Tag.Should().Be("1.2");
        reference.Digest.Should().Be("sha256:00");
    }

    [Test]
    public void Command_line_form_parses_program_and_base_arguments()
    {
        var map = new ImageMap().AddParsed("kubestash/dumper:v1=/usr/bin/dotnet /opt/dumper.dll --verbose");

        map.TryResolve("kubestash/dumper:v1", out var program).Should().BeTrue();
        program.ExecutablePath.Should().Be("/usr/bin/dotnet");
        program.BaseArguments.Should().Equal("/opt/dumper.dll", "--verbose");
    }

    [TestCase("busybox")]
    [TestCase("=/bin/sh")]
    [TestCase("busybox=")]
    public void Command_line_form_rejects_malformed_mappings(string mapping)
    {
        var act = () => new ImageMap().AddParsed(mapping);

        act.Should().Throw<FormatException>().WithMessage($"*{mapping}*");
    }

    [Test]
    public void Mapping_an_image_twice_is_an_error_naming_it()
    {
        var act = () => new ImageMap().Add("busybox", Shell).Add("docker.io/library/busybox", Pinned);

        act.Should().Throw<ArgumentException>().WithMessage("*docker.io/library/busybox*twice*");
    }
}
