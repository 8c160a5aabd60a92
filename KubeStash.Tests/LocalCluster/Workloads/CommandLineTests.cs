using k8s.Models;
using KubeStash.LocalCluster.Workloads;

namespace KubeStash.Tests.LocalCluster.Workloads;

public sealed class CommandLineTests
{
    private static readonly Dictionary<string, string> Env = new() { ["NAME"] = "world", ["DIR"] = "/scratch" };

    [TestCase("hello $(NAME)", "hello world")]
    [TestCase("$(DIR)/out-$(NAME)", "/scratch/out-world")]
    [TestCase("$(MISSING) stays", "$(MISSING) stays")]
    [TestCase("$$(NAME) is escaped", "$(NAME) is escaped")]
    [TestCase("cost $$5", "cost $5")]
    [TestCase("lone $ sign", "lone $ sign")]
    [TestCase("unterminated $(NAME", "unterminated $(NAME")]
    [TestCase("empty $() ref", "empty $() ref")]
    [TestCase("trailing $", "trailing $")]
    public void Expansion_follows_kubernetes_rules(string input, string expected)
    {
        VariableExpansion.Expand(input, n => Env.TryGetValue(n, out var v) ? v : null).Should().Be(expected);
    }

    [Test]
    public void Command_overrides_the_entry_point_and_args_follow_it()
    {
        var container = new V1Container { Name = "c", Command = ["/bin/sh", "-c", "echo $(NAME)"], Args = ["$(DIR)"] };

        var line = ContainerCommandLine.Resolve(container, Env);

        line.Command.Should().Be("/bin/sh");
        line.Arguments.Should().Equal("-c", "echo world", "/scratch");
    }

    [Test]
    public void Args_alone_go_to_the_image_entry_point_after_its_base_arguments()
    {
        var container = new V1Container { Name = "c", Args = ["backup", "--target=$(NAME)"] };
        var program = ImageProgram.ChildProcess("/usr/bin/dotnet", "/opt/tool.dll");

        var line = ContainerCommandLine.Resolve(container, Env);

        line.Command.Should().BeNull();
        line.ForProgram(program).Should().Equal("/opt/tool.dll", "backup", "--target=world");
    }

    [Test]
    public void No_command_and_no_args_runs_the_entry_point_bare()
    {
        var line = ContainerCommandLine.Resolve(new V1Container { Name = "c" }, Env);

        line.Command.Should().BeNull();
        line.Arguments.Should().BeEmpty();
    }

    [Test]
    public void Mount_paths_are_rewritten_before_expansion_so_rewritten_variables_are_not_rewritten_again()
    {
        var mounts = new Dictionary<string, string> { ["/tmp"] = "/tmp/pods/p1/volumes/tmp" };
        var env = new Dictionary<string, string> { ["SCRATCH"] = MountPaths.Rewrite("/tmp", mounts) };
        var container = new V1Container { Name = "c", Command = ["sh", "-c", "ls $(SCRATCH)/x"], Args = ["/tmp/in", "$(SCRATCH)/out"] };

        var line = ContainerCommandLine.Resolve(container, env, value => MountPaths.Rewrite(value, mounts));

        line.Arguments.Should().Equal("-c", "ls /tmp/pods/p1/volumes/tmp/x", "/tmp/pods/p1/volumes/tmp/in", "/tmp/pods/p1/volumes/tmp/out");
    }

    [TestCase("/scratch", "/tmp/pod/scratch")]
    [TestCase("/scratch/", "/tmp/pod/scratch")]
    [TestCase("/scratch/a/b", "/tmp/pod/scratch/a/b")]
    [TestCase("--dir=/scratch/x", "--dir=/tmp/pod/scratch/x")]
    [TestCase("/scratchy", "/scratchy")]
    [TestCase("/etc/config/app.yaml", "/tmp/pod/config/app.yaml")]
    [TestCase("/etc/hosts", "/tmp/pod/etc/hosts")]
    [TestCase("plain", "plain")]
    public void Mount_paths_are_rewritten_to_their_local_directories_longest_first(string value, string expected)
    {
        var mounts = new Dictionary<string, string> { ["/etc"] = "/tmp/pod/etc", ["/scratch"] = "/tmp/pod/scratch", ["/etc/config"] = "/tmp/pod/config" };

        MountPaths.Rewrite(value, mounts).Should().Be(expected);
    }

    [Test]
    public void Mount_variable_names_are_derived_from_the_mount_path()
    {
        MountPaths.VariableName("/kubestash-tmp/data").Should().Be("LOCAL_MOUNT_KUBESTASH_TMP_DATA");
    }
}
